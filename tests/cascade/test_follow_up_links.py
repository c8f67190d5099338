"""A task that only follows its plan up (the plan's standing agency, monitoring, urging,
inspecting, compiling, periodic reports, proposing amendments, advising) carries out no
national task: nothing is suggested for it, whoever issues the plan and whichever way it
is imported (docs/cascade.md, "Follow-up tasks"). The sentences are made up in the genre
of the "Tổ chức thực hiện" section of plans, not taken from the annotated ones."""

import pytest

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.programmes import cascade, meaning
from lotrinh.programmes.linking import LinkSuggester, follow_up_words, own_content
from lotrinh.programmes.models import TaskLink
from lotrinh.programmes.services import current_programme
from tests.cascade import nq57
from tests.cascade.conftest import person

FOLLOWING_UP = [
    "Là cơ quan đầu mối, theo dõi, đôn đốc các sở, ngành triển khai; định kỳ 6 tháng tổng "
    "hợp, báo cáo Ủy ban nhân dân Tỉnh kết quả thực hiện Kế hoạch này.",
    "Hằng năm sơ kết, đánh giá việc thực hiện; kịp thời đề xuất điều chỉnh, bổ sung Kế hoạch "
    "cho phù hợp với tình hình thực tế.",
    # Carrying out mixed with following up: a follow-up task (docs/cascade.md).
    "Tổ chức thực hiện, kiểm tra, giám sát và báo cáo kết quả về cơ quan thường trực trước "
    "ngày 15/11 hằng năm.",
    "Tư vấn, phản biện chính sách; tham mưu Ủy ban nhân dân Thành phố những khó khăn, vướng "
    "mắc phát sinh.",
    "Khảo sát, thu thập số liệu và công bố kết quả thực hiện các mục tiêu, nhiệm vụ, giải "
    "pháp phát triển dữ liệu số đặt ra tại Kế hoạch này.",
]
# Following up something the parent asks for: the content keeps its links.
WITH_CONTENT = [
    "Theo dõi, đôn đốc việc đầu tư xây dựng hạ tầng mạng di động 5G, IoT trong các khu công "
    "nghiệp; định kỳ báo cáo kết quả.",
    "Kiểm tra, đánh giá công tác bảo đảm an toàn, an ninh mạng của các hệ thống thông tin; "
    "báo cáo định kỳ.",
    "Tổng hợp nhu cầu, tham mưu bố trí kinh phí từ ngân sách nhà nước cho nghiên cứu khoa "
    "học, đổi mới sáng tạo của doanh nghiệp.",
]
# Carrying out the plan as a whole, without follow-up: the plan's title (rule 2).
CARRYING_OUT = "Tổ chức triển khai thực hiện Kế hoạch này theo chức năng, nhiệm vụ được giao."
SUBJECT = "Phát triển hạ tầng 5G, IoT"


def test_the_vocabulary_is_read_with_its_diacritics() -> None:
    """Folded, "quý" (a quarter) would take the "quy" of "quy hoạch", "cần" the "cán" of
    "cán bộ" and "như" the "nhu" of "nhu cầu": the vocabulary is set aside as written."""
    assert follow_up_words("Theo dõi, đôn đốc; định kỳ báo cáo") == [
        "theo dõi",
        "đôn đốc",
        "định kỳ",
        "báo cáo",
    ]
    assert follow_up_words("Xây dựng cơ chế, đề án hỗ trợ doanh nghiệp") == []
    kept = own_content("Hằng quý cần theo dõi nhu cầu lập quy hoạch, như cán bộ")
    assert {"nhu_cau", "quy_hoach", "can"} <= set(kept)
    assert kept.count("can") == 1 and kept.count("nhu") == 1 and "hang" not in kept
    assert own_content(FOLLOWING_UP[0]) == []
    # What the plan sets out is the plan, up to a verb: then it is the task's own.
    assert own_content("Công bố kết quả các nhiệm vụ về dữ liệu số tại Kế hoạch này") == []
    kept = own_content("Các nhiệm vụ về điện toán đám mây và báo cáo kết quả theo Kế hoạch này")
    assert {"dien", "toan", "may", "dien_toan"} <= set(kept)


@pytest.mark.parametrize(
    "issuer", [None, "thanh-pho-ha-noi", "bo-khoa-hoc-va-cong-nghe", "Đảng đoàn Quốc hội"]
)
def test_a_follow_up_task_gets_nothing_and_a_task_with_content_keeps_its_links(
    seeded_db: None, issuer: str | None
) -> None:
    parent = nq57.load_nq57()
    agency = (
        None
        if issuer is None
        else Agency.objects.filter(code=issuer).first() or Agency.objects.get(name_vi=issuer)
    )
    suggester = LinkSuggester.for_programme(parent, issuer=agency)
    for text in FOLLOWING_UP:
        assert suggester.follows_up_only(text), text
        assert suggester.suggest(text, ("Tổ chức thực hiện",), (), SUBJECT) == [], text
        # The words alone find something for most of them: the decision is the follow-up's.
    assert any(
        suggester.scores(text, (), (), SUBJECT, words_only=True)[0][1] >= LinkSuggester.THRESHOLD
        for text in FOLLOWING_UP
    )
    for text in WITH_CONTENT:
        assert not suggester.follows_up_only(text), text
        assert suggester.suggest(text, ("Tổ chức thực hiện",), (), SUBJECT), text
    first = suggester.suggest(WITH_CONTENT[0], (), (), SUBJECT)[0][0]
    assert first.ref == "III.3.5"
    assert not suggester.follows_up_only(CARRYING_OUT)
    assert suggester.suggest(CARRYING_OUT, (), (), SUBJECT)


def test_the_import_page_and_its_job_suggest_nothing_for_a_follow_up_task(
    hanoi: Agency, django_capture_on_commit_callbacks
) -> None:
    """The page suggests by words (`refine_later`), the job again with meaning
    (`refine_suggestions`): neither links a follow-up task."""
    reporter = person("reporter_hn", hanoi, Role.REPORTER)
    data = {
        "programme": {"title": "Kế hoạch phát triển dữ liệu số của Thành phố"},
        "clauses": [],
        "tasks": [
            {
                "ref": "1",
                "text": "Xây dựng cơ sở dữ liệu dân cư, đất đai và kết nối, chia sẻ dữ liệu.",
            },
            {"ref": "2", "text": FOLLOWING_UP[0]},
            {"ref": "3", "text": FOLLOWING_UP[2]},
        ],
    }
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        plan = cascade.child_from_parse(
            data, hanoi, current_programme("50/NQ-CP"), reporter, code="F/KH", refine_later=True
        )

    def linked() -> set[str]:
        return set(
            TaskLink.objects.filter(task__programme=plan).values_list("task__ref", flat=True)
        )

    assert linked() == {"1"}
    if meaning.available():
        assert len(callbacks) == 1
        callbacks[0]()
        assert linked() == {"1"}
