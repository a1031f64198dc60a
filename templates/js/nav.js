// Navigation: the on-page contents, the version switcher.
