"""Images opened within the caps: pixel size and frame count checked from the header, before decoding."""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image, ImageSequence

from docgen.errors import InputLimitError
from docgen.pdf.limits import PILLOW_MAX_PIXELS, Caps, check_image_size, check_pages, megapixels

Image.MAX_IMAGE_PIXELS = PILLOW_MAX_PIXELS  # Pillow's decompression-bomb guard: warns past it, refuses at twice it


@contextmanager
def open_image(source: Path | bytes, caps: Caps, name: str, passthrough: bool = False) -> Iterator[Image.Image]:
    """Open an image (nothing decoded yet) whose first frame is within ``caps``.

    Pillow's decompression-bomb warning is replaced by the exact check below
    (its error, at twice :data:`~docgen.pdf.limits.PILLOW_MAX_PIXELS`, stays). Damaged images
    raise what Pillow raises (OSError, UnidentifiedImageError...) for the
    caller to name; caps raise :class:`~docgen.errors.InputLimitError`.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(source) if isinstance(source, bytes) else source)
        except Image.DecompressionBombError:
            raise InputLimitError(
                f"{name}: the image is over {megapixels(caps.largest_image)}; "
                "save it at a lower resolution (300 dpi is plenty for a document)"
            ) from None
    with image:
        check_image_size(name, image.size, caps, passthrough)
        yield image


def frames(image: Image.Image, caps: Caps, name: str) -> Iterator[Image.Image]:
    """Every frame (page) of an image, each checked against the pixel cap before it is decoded."""
    for index, frame in enumerate(ImageSequence.Iterator(image)):
        check_pages(name, index + 1, caps)
        check_image_size(name, frame.size, caps, frame=index + 1)
        yield frame
