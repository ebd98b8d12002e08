"""Health text shown as written: red flags, pressing rules, self-care advice and the evidence with its sources."""
