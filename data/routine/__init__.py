"""The routine: the point catalog, the person's answers, the selection and safety rules, the weekly plan and the player."""
