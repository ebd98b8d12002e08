"""Issue 12 end to end: switch the daily foot check on, do it from Today, report a new sore, see the red flags."""
import pytest

from data.health.safety import FOOT_THREATENED, NEW_FOOT_WOUND
from data.journal.footchecks import Finding, list_foot_checks
from data.storage.store import open_store

pytestmark = pytest.mark.e2e


def test_switch_the_foot_check_on_and_report_a_new_sore(app_server, data_dir, phone):
    app = app_server()
    phone.open(app.url)
    phone.wait_text("Check in")
    assert not [n for n in phone.names() if "Check your feet" in n]  # nothing answered: not switched on

    phone.tap("Safety")
    phone.tap("Daily foot check")
    phone.wait_text("Between the toes")
    phone.tap("Daily foot check on Today")
    phone.wait_text("The daily foot check is on")
    phone.tap("Close")

    phone.tap("Today")
    phone.tap("Check your feet")  # Today's card, while it is still to do today
    phone.tap("I found something")
    phone.tap("A new sore or cut")
    phone.tap("Save what I found")
    phone.wait_text("a new sore or cut.")
    phone.wait_text(FOOT_THREATENED.urgency.value)  # a wound with a fever: urgent help today
    phone.wait_text(NEW_FOOT_WOUND.signs)
    assert any(FOOT_THREATENED.signs in n for n in phone.names())

    [saved] = list_foot_checks(open_store(data_dir))
    assert (saved.all_fine, saved.findings) == (False, (Finding.NEW_SORE,))

    phone.tap("Done")
    phone.wait_text("Check in")
    phone.page.wait_for_timeout(500)
    assert not [n for n in phone.names() if "Check your feet" in n]  # done for today: the card is gone

    # ...and the doctor's report (what Share makes for the last 4 weeks) carries what was found
    from datetime import datetime, timedelta
    from io import BytesIO

    from pypdf import PdfReader

    from data.exports.report_pdf import report_from_store

    now = datetime.now().astimezone()
    pdf = report_from_store(open_store(data_dir), now.date() - timedelta(days=27), now.date(), now.tzinfo, now)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages).split())
    assert "Daily foot checks" in text and "A new sore or cut" in text
