"""One way in for PDFs: open, detect, render within caps, strip active content, flatten.

Forms, packets, notices and the mailroom reach PDFs (and the images that
become or come from PDF pages) through this layer. Import from the modules
(``from docgen.pdf.open import open_pdf``): the package itself imports
nothing, so ``docgen fill`` does not load pdfium, libmagic or Pillow.

- :func:`.open.open_pdf` (pikepdf) with one clear error per failure: missing, not a
  file (pipe, device), not a PDF, needs a password, damaged, cut short, over
  the page cap;
- :func:`.detect.detect` the type of a file by its content;
- :func:`.render.open_pdfium` and :func:`.render.render_page` (pdfium) for text and images of
  pages, the page count and every page's pixel size checked against the caps
  before anything is rendered; :func:`.images.open_image` and :func:`.images.frames` for scans
  and photos, checked from their headers before decoding (:mod:`.limits`);
- :func:`.active.find_active` and :func:`.active.strip_active`: actions, scripts, attachments;
- :func:`.flatten.flatten_form`; regular files only (:mod:`.files`).
"""
