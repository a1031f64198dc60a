// Copy buttons on code blocks.
