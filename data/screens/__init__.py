"""Each screen's behaviour: the one summary it renders and the one call each tap makes (the views only draw)."""
