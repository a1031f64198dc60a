// The light/dark toggle, remembered.
