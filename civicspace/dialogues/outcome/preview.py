"""Turn an outcome PDF into PNG pages, to look at the result (Khmer shaping, line breaks).

    python -m civicspace.dialogues.outcome.preview [OUTDIR]

renders the synthetic sample (`sample.benchmark_content(pages=2)`) in "km" and "bi" and writes
OUTDIR/km-1.png … and OUTDIR/bi-1.png … (default OUTDIR: var/outcome-preview)."""

import sys
from pathlib import Path


def pdf_to_pngs(pdf_bytes: bytes, outdir: Path, *, prefix: str = "page", dpi: int = 100) -> list[Path]:
    """Rasterise each page with pypdfium2 at `dpi` and save OUTDIR/PREFIX-N.png; returns the paths."""
    import pypdfium2 as pdfium

    outdir.mkdir(parents=True, exist_ok=True)
    pdf = pdfium.PdfDocument(pdf_bytes)
    paths = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            image = page.render(scale=dpi / 72).to_pil()
            path = outdir / f"{prefix}-{index + 1}.png"
            image.save(path)
            paths.append(path)
            page.close()
    finally:
        pdf.close()
    return paths


def main(argv: list[str]) -> int:
    import django

    django.setup()
    from django.conf import settings

    from .pdf import render_pdf
    from .sample import benchmark_content

    outdir = Path(argv[0]) if argv else Path(settings.VAR_DIR) / "outcome-preview"
    content = benchmark_content(pages=2)
    meta = {"sha256": "0" * 64, "number": 1, "status": "draft", "adopted_at": None,
            "permalink": "https://example.org/outcome/1"}  # fmt: skip
    for lang in ("km", "bi"):
        for path in pdf_to_pngs(render_pdf(content, lang, **meta), outdir, prefix=lang):
            print(path)
    return 0


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    sys.exit(main(sys.argv[1:]))
