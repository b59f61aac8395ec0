"""Qt item models: thin adapters from service rows to views."""
