"""One way in for PDFs: open, detect, render within caps, strip active content, flatten."""
