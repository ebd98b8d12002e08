"""The journal: what a person did and felt (sessions, check-ins, questionnaires) and the figures drawn from it."""
