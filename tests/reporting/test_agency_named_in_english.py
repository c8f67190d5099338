"""An English page names an institution as a sentence does: "the leaders of the Ministry
of Health approve it", "The Ministry of Science and Technology returned it", never "the
leaders of Ministry of Health"; a province stays a place ("Bac Ninh Province"), and the
Vietnamese sentence is unchanged."""

from django.utils import translation

from lotrinh.reporting import guidance, services
from lotrinh.reporting.views_report import ACTION_TITLES, action_text


def test_next_step_puts_the_article_before_a_ministry_in_english(
    report_a, officer_a, approver_a, most_monitor, oversight_reader
) -> None:
    with translation.override("en"):
        draft = guidance.next_step(report_a, oversight_reader)
    assert "the leaders of the Ministry of Health" in draft, draft
    assert "of Ministry" not in draft
    report = services.approve_report(report_a, approver_a)
    report = services.submit_report(report, approver_a)
    report = services.return_report(report, most_monitor, "Bổ sung minh chứng")
    with translation.override("en"):
        returned = guidance.next_step(report, oversight_reader)
        title = action_text(ACTION_TITLES, "submit", report)
    # At the head of the sentence the article is capitalised.
    assert returned.startswith("The Ministry of Science and Technology returned it"), returned
    assert "next step: the Ministry of Health" in returned, returned
    assert "the Ministry of Science and Technology" in title, title
    with translation.override("vi"):
        vietnamese = guidance.next_step(report, oversight_reader)
    assert vietnamese.startswith("Bộ Khoa học và Công nghệ đã trả lại"), vietnamese
    assert "Bộ Y tế" in vietnamese


def test_a_province_is_named_without_the_article(db) -> None:
    from lotrinh.agencies.models import Agency
    from lotrinh.reporting.notices import body_in

    province = Agency.objects.filter(kind="province").exclude(name_en="").first()
    assert body_in(province, "en") == province.name_en


def test_my_reports_heading_names_the_agency_as_a_sentence_does(db) -> None:
    from django.template import Context, Template

    from lotrinh.agencies.models import Agency

    ministry = Agency.objects.get(code="bo-y-te")
    page = Template(
        "{% load i18n lotrinh_tags %}{% blocktranslate with agency=a|agency_in_sentence %}"
        "Báo cáo của {{ agency }}{% endblocktranslate %}"
    )
    with translation.override("en"):
        assert page.render(Context({"a": ministry})) == "Reports of the Ministry of Health"
    with translation.override("vi"):
        assert page.render(Context({"a": ministry})) == "Báo cáo của Bộ Y tế"
