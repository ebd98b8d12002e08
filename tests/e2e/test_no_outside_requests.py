"""Nothing sent anywhere: a walk through every main tab, with zero requests leaving 127.0.0.1.

The `phone` fixture fails any test after which a request left; this walk makes sure every main
screen (and the Share screen) is loaded at least once while it watches, and that Flet's one
outside request (rive_native.js from a CDN) is stopped by assets/index.html's
Content-Security-Policy in the browser, not merely unanswered.
"""
import pytest

pytestmark = pytest.mark.e2e

TABS = (("Progress", "Report for your doctor"), ("Points", "LI4 Hegu"), ("Safety", "Stop and get help if you notice"),
        ("Settings", "Check my reminders"), ("Today", "Morning session"))


def test_a_walk_through_the_main_tabs_sends_nothing_out(app_server, phone):
    app = app_server()
    phone.open(app.url)
    for tab, shows in TABS:
        phone.tap(tab)
        phone.wait_text(shows)
    phone.tap("Progress")
    phone.tap("Report for your doctor")
    phone.wait_text("Backup")
    phone.page.wait_for_timeout(1000)  # late loads (fonts, images) get their chance to leave

    assert phone.outside == []
    assert phone.asked == phone.blocked  # anything asked of another host was stopped by the policy
    assert all("rive_native" in url for url in phone.blocked), phone.blocked
    csp = phone.page.locator("meta[http-equiv='Content-Security-Policy']").get_attribute("content")
    assert "default-src 'self'" in csp
