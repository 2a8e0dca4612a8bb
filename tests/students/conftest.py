import pytest

from tests.storage import use_private_folder

# A one-page PDF with no content: enough for a reader to open it.
PDF_BYTES = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n"
    b"%%EOF\n"
)


@pytest.fixture(autouse=True)
def private_media(tmp_path, settings):
    """Résumés go to a folder of this test's own."""
    root = tmp_path / "private"
    return use_private_folder(settings, root)
