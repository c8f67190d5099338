"""Which tasks of the parent programme a task of an agency's plan carries out: the
suggestions the agency confirms or removes (docs/cascade.md, "Suggesting links").

Four signals, in this order:
1. a clause reference written in the plan's task ("nhiệm vụ II.3.a.2", "điểm a khoản 3
   Mục II", "mục 3 Phần III", "nhiệm vụ 2.1 Phần III") names the parent's tasks outright;
2. the text: folded words and word pairs shared by the plan's task and each parent task
   (Okapi BM25 for the task's own words, TF-IDF cosine for headings and the plan's
   title), the parent task read with the headings of its section (a bullet of
   "3. Tăng cường đầu tư, hoàn thiện hạ tầng ..." is about infrastructure even where its
   own words are short). The plan's own section headings count too, less than the task's
   words: plans are built on the parent's sections and often repeat their headings, and a
   task that says little of its own ("Thực hiện một số nội dung khác ...") carries out
   what its section says;
3. what the texts mean (`programmes.meaning`: a multilingual language model bundled in a
   package): the cosine of the plan's task (and, less, of the plan's title) with each
   parent task, counted by how far it stands above the parent's other tasks, so that it
   re-ranks what the words found ("ngân sách bảo đảm kinh phí ... hạ tầng 5G" is about
   infrastructure, not budgets) without ever making a suggestion by itself;
4. who the parent assigned the task to: a parent task given to the plan's issuing
   agency (by name, or by a generic addressee that covers it: "các địa phương" for a
   province) is more likely carried out by its plan than one given by name to other
   agencies only.

Whether anything is suggested is the words' decision (THRESHOLD), and before it the
follow-up's: a task that only follows the plan up (monitoring, reports, proposing
amendments to "Kế hoạch này"), once that vocabulary is set aside, has nothing of its own
to carry out and gets no suggestion (`LinkSuggester.follows_up_only`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from lotrinh.core.text import canonical_tone, fold, nfc
from lotrinh.programmes import meaning

_WORD = re.compile(r"[a-z0-9]+")
# Words with a digit in them ("5G", "6G", "4G/5G", "IPv6") are words; other tokens with a
# digit ("57-NQ/TW", "28/02/2025", "30%", "2025-2030", "1.000") are numbers.
_TOKEN_WITH_DIGIT = re.compile(r"\S*\d\S*")
_DIGIT_WORD = re.compile(r"[A-Za-z]+\d+[A-Za-z]*|\d+[A-Za-z]+")


def _drop_numbers(text: str) -> str:
    def keep_words(match: re.Match[str]) -> str:
        parts = match.group(0).strip("()[]{}\"'.,;:!?").split("/")
        if all(_DIGIT_WORD.fullmatch(part) for part in parts):
            return match.group(0)
        return " "

    return _TOKEN_WITH_DIGIT.sub(keep_words, text)


_STOP = frozenset(
    "va cac cua cho trong theo voi de tai la co cung nhung duoc mot so ve tu den nham "
    "tren huong dam bao phu hop thuc hien trien khai tiep tuc to chuc xay dung chu tri "
    "phoi hop nghien cuu hoan thien day manh tang cuong nang cao lien quan nganh bo dia "
    "phuong thanh tinh ubnd uy ban nhan dan nam giai doan 2025 2030 don vi co quan pho ha noi "
    "ho chi minh da nang viet nam quoc gia hoan thanh thuong xuyen quyet dinh ngay so phe duyet "
    "nghi quyet chinh phu thu tuong bo khoa hoc cong nghe kh qd nq cp tw tai dong thoi".split()
)
# Roman section numbers and numbered items ("Phần III", "mục 3", "nhiệm vụ 2.1").
_ROMAN = r"[IVX]+"
_SECTION_WORDS = r"(?:Phần|phần|Mục|mục|PHẦN|MỤC)"


def terms(text: str, names: Iterable[str] = ()) -> list[str]:
    """Folded words and word pairs of `text`, without numbers, dates, the common words
    of administrative writing and the folded `names` (who does a task is not what it
    is); pairs count twice (they carry most of the meaning)."""
    # Document numbers, dates and figures ("1229/QĐ-UBND ngày 28/02/2025", "30%") say nothing
    # of the content; words that only contain a digit ("5G", "4G/5G") do.
    folded = fold(_drop_numbers(text))
    for name in names:
        folded = folded.replace(name, " ")
    words = [w for w in _WORD.findall(folded) if w not in _STOP and len(w) > 1]
    bigrams = [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]
    return words + bigrams + bigrams


# ------------------------------------------------------------ follow-up tasks

# What a plan's follow-up is written with: the vocabulary of the "Tổ chức thực hiện"
# section of Vietnamese plans (docs/cascade.md, "Follow-up tasks"). A task made of these
# words only follows the plan up and carries out no clause of the parent (annotation rule
# 3). Phrases of whole syllables, with their diacritics (folded, "quý" would take the
# "quy" of "quy hoạch" and "cần" the "cán" of "cán bộ").
_FOLLOW_UP = (
    # who follows up: the standing agency, the focal point
    "cơ quan thường trực",
    "thường trực",
    "cơ quan đầu mối",
    "đầu mối",
    # following up: monitor, urge, inspect, supervise, take stock, evaluate
    "theo dõi",
    "đôn đốc",
    "kiểm tra",
    "giám sát",
    "nắm bắt",
    "nắm tình hình",
    "sơ kết",
    "tổng kết",
    "đánh giá",
    # measuring and publishing the plan's results
    "đo lường",
    "khảo sát",
    "thu thập số liệu",
    "thu thập thông tin",
    "công bố",
    # compiling and reporting, periodically
    "tổng hợp",
    "báo cáo",
    "định kỳ",
    "hằng năm",
    "hàng năm",
    "hằng quý",
    "hàng quý",
    "hằng tháng",
    "hàng tháng",
    "đột xuất",
    "hằng kỳ",
    # proposing amendments to the plan; advising, recommending, critiquing
    "đề xuất",
    "kiến nghị",
    "sửa đổi",
    "bổ sung",
    "điều chỉnh",
    "tham mưu",
    "giúp việc",
    "tư vấn",
    "phản biện chính sách",
    "phản biện",
)
# Carrying out, managing, leading or taking part: not follow-up (rule 2 sends a task made
# of these alone to the plan's title), but nothing of a task's own either.
_CARRYING_OUT = (
    "triển khai",
    "thực hiện",
    "tổ chức",
    "chủ trì",
    "phối hợp",
    "chủ động",
    "tham gia",
    "quản lý",
    "chỉ đạo",
    "xem xét",
    "giúp",
)
# Generic addressees, what is followed up (results, progress, problems, the duties given)
# and connectives.
_GENERIC = (
    "ủy ban nhân dân",
    "hội đồng nhân dân",
    "ubnd",
    "hđnd",
    "sở, ban, ngành",
    "sở, ngành",
    "sở ban ngành",
    "các ngành",
    "các cấp",
    "cấp trên",
    "có thẩm quyền",
    "liên quan",
    "cơ quan",
    "đơn vị",
    "địa phương",
    "địa bàn",
    "tỉnh",
    "thành phố",
    "tình hình",
    "kết quả",
    "tiến độ",
    "quá trình",
    "tiến trình",
    "khó khăn",
    "vướng mắc",
    "phát sinh",
    "vấn đề",
    "nội dung",
    "mục tiêu",
    "nhiệm vụ",
    "giải pháp",
    "chức năng",
    "quyền hạn",
    "được giao",
    "phân công",
    "số liệu",
    # the reporting calendar ("định kỳ 6 tháng", "trước ngày 15/11", "quý IV")
    "tháng",
    "quý",
    "ngày",
    "trước",
    "yêu cầu",
    "quy định",
    "kịp thời",
    "hiệu quả",
    "chất lượng",
    "nghiêm túc",
    "đầy đủ",
    "cụ thể",
    "trên cơ sở",
    "công tác",
    "việc",
    "cần",
    "nêu",
    "là",
    "về",
    "với",
    "và",
    "các",
    "những",
    "của",
    "cho",
    "đến",
    "theo",
    "trong",
    "khi",
    "có",
    "tại",
    "như",
    "để",
    "đúng",
    "trên",
)


def _normal(text: str) -> str:
    return canonical_tone(nfc(text)).lower()


def _phrases(phrases: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted({_normal(p) for p in phrases}, key=lambda p: (-len(p.split()), -len(p)))
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in ordered) + r")(?!\w)")


_FOLLOW_UP_RE = _phrases(_FOLLOW_UP)
_VERBS_RE = _phrases(_FOLLOW_UP + _CARRYING_OUT)
_SET_ASIDE_RE = _phrases(_FOLLOW_UP + _CARRYING_OUT + _GENERIC)
# The plan itself: "Kế hoạch này", "Kế hoạch" as a name, and what the plan sets out ("các
# mục tiêu, nhiệm vụ, giải pháp phát triển hạ tầng số tại Kế hoạch này": the plan's own
# content, named to say which plan is followed up).
_THE_PLAN = re.compile(
    r"(?:(?:các|những)\s+)?(?:mục tiêu|nhiệm vụ|giải pháp|nội dung)\b(?P<set_out>[^.;:]{0,120}?)"
    r"\s(?:(?:đặt ra|đề ra|nêu|được giao)\s+)?(?:tại|của|trong|theo)\s+[Kk]ế hoạch này\b"
    r"|\b[Kk]ế hoạch này\b|\bKế hoạch\b"
)


def _the_plan(match: re.Match[str]) -> str:
    # "nhiệm vụ ứng dụng AI trong y tế và báo cáo kết quả theo Kế hoạch này": a verb in
    # between ends what the plan sets out; only "Kế hoạch này" is the plan.
    if match.group("set_out") and _VERBS_RE.search(_normal(match.group("set_out"))):
        return match.group(0)[: -len("Kế hoạch này")] + " | "
    return " | "


# How a follow-up must fit ("đề xuất điều chỉnh cho phù hợp với tình hình thực tế"), to the
# end of the clause (its object is often a list: "… chuyển đổi số, kinh tế số, xã hội số"):
# the frame of the follow-up, not something carried out.
_FITTING = re.compile(r"(?:(?:đảm bảo|bảo đảm|cho)\s+)?phù hợp\b[^.;:\n]*", re.IGNORECASE)


def follow_up_words(text: str) -> list[str]:
    """The follow-up vocabulary in `text`, in order."""
    return _FOLLOW_UP_RE.findall(_normal(text))


def own_content(text: str, names: Iterable[str] = ()) -> list[str]:
    """`terms` of what `text` says once the plan itself, how its follow-up must fit, the
    follow-up and carrying-out vocabulary, generic addressees, connectives and `names`
    (folded) are set aside; each stretch between them is read on its own (no word pair
    across what was set aside)."""
    text = canonical_tone(nfc(text))
    text = _SET_ASIDE_RE.sub(" | ", _FITTING.sub(" | ", _THE_PLAN.sub(_the_plan, text)).lower())
    folded = fold(_drop_numbers(text))
    for name in names:
        folded = folded.replace(name, " | ")
    return [term for stretch in folded.split("|") for term in terms(stretch)]


def _norm(vector: dict[str, float]) -> float:
    return math.sqrt(sum(v * v for v in vector.values())) or 1.0


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


class LinkSuggester:
    """Suggestions of parent tasks for the tasks of a plan (see the module's docstring)."""

    THRESHOLD = 0.06  # below this the best match is noise: nothing is suggested
    KEEP = 3  # at most this many suggestions, within RELATIVE of the best
    RELATIVE = 0.6
    SECTION_WEIGHT = 0.5  # the parent's section headings, against the task's own words
    CONTEXT_WEIGHT = 0.5  # the plan's section headings, against the task's own words
    CONTEXT_DECAY = 0.8  # each heading further up counts this much less
    POWER = 2
    SAYS_LITTLE = 0.12  # a task whose best own match is below this leans on its headings
    OWN_TASK = 1.25  # the parent gave the task to the plan's issuer
    OTHERS_ONLY = 0.6  # the parent gave the task's lead by name to other agencies only
    # The meaning signal: this much per standard deviation that a parent task's cosine
    # stands above the mean of the parent's tasks (below the mean: nothing); the plan's
    # title counts SUBJECT_MEANING as much as the task's own text.
    # Pivoted length normalisation of the parent's word vectors (Singhal, Buckley and
    # Mitra 1996): a short clause no longer wins on a single shared word ("hợp tác" of
    # "hợp tác quốc tế") over a longer one that says what the task does. 1.0 is plain
    # cosine; 0.8, the middle of 0.7–0.9 that scored the same on 310 and 552
    # (docs/cascade.md, "Suggesting links").
    PIVOT_SLOPE = 0.8
    # The task's own words are ranked by Okapi BM25 (Robertson et al. 1994) rather than by
    # that cosine: a term's weight saturates (K1) and a long parent task is discounted (B)
    # instead of its whole vector being divided. Its scores are rescaled so that the best
    # has the best cosine: the headings, the title and the meaning keep their footing.
    # Chosen on 3260, 310, 552 (docs/cascade.md, "Okapi BM25 …"): 1.2 and 0.75, the middle
    # of the plateau.
    K1 = 1.2
    B = 0.75
    MEANING_WEIGHT = 0.1
    SUBJECT_MEANING = 0.5

    def __init__(
        self,
        tasks: Sequence[Any],
        *,
        headings: dict[int, list[str]] | None = None,
        affinity: dict[int, float] | None = None,
        names: Iterable[str] = (),
        meanings: meaning.Meanings | None = None,
    ) -> None:
        """`tasks`: the parent's tasks (`.pk`, `.ref`, `.text`); `headings`: for each task
        pk, the headings of its sections, nearest first; `affinity`: for each task pk, the
        factor for who it is assigned to (1.0 when not given); `names`: names of agencies
        and units, left out of every text; `meanings`: where texts get their vectors (none:
        words alone)."""
        self.names = _folded_names(names)
        self.tasks = list(tasks)
        self.refs = {t.ref: t for t in self.tasks}
        headings = headings or {}
        self.affinity = affinity or {}
        own_terms = [terms(t.text, self.names) for t in self.tasks]
        section_terms = [
            [term for heading in headings.get(t.pk, []) for term in terms(heading, self.names)]
            for t in self.tasks
        ]
        df: Counter[str] = Counter()
        for own, section in zip(own_terms, section_terms, strict=True):
            df.update(set(own) | set(section))
        n = len(self.tasks) or 1
        self.idf = {term: math.log((n + 1) / (count + 0.5)) for term, count in df.items()}
        raw = [
            self._vector(Counter(own), Counter(section), normalise=False)
            for own, section in zip(own_terms, section_terms, strict=True)
        ]
        # BM25's documents: the same terms, the headings' at SECTION_WEIGHT.
        self.documents: list[dict[str, float]] = []
        for own, section in zip(own_terms, section_terms, strict=True):
            document = {t: float(c) for t, c in Counter(own).items()}
            for term, count in Counter(section).items():
                document[term] = document.get(term, 0.0) + self.SECTION_WEIGHT * count
            self.documents.append(document)
        self.bm25_idf = {term: math.log(1 + (n - c + 0.5) / (c + 0.5)) for term, c in df.items()}
        self.lengths = [sum(document.values()) for document in self.documents]
        self.mean_length = sum(self.lengths) / len(self.lengths) if self.lengths else 1.0
        norms = [_norm(vector) for vector in raw]
        pivot = sum(norms) / len(norms) if norms else 1.0
        slope = self.PIVOT_SLOPE
        self.vectors = [
            {t: v / ((1 - slope) * pivot + slope * norm) for t, v in vector.items()}
            for vector, norm in zip(raw, norms, strict=True)
        ]
        self.meanings = meanings
        self.passages = (
            meanings.passages([t.text for t in self.tasks]) if meanings is not None else None
        )

    @classmethod
    def for_programme(
        cls, programme: Any, issuer: Any = None, *, with_meaning: bool = True
    ) -> LinkSuggester:
        """The suggester for the tasks of `programme` (the parent), for a plan of `issuer`,
        with the meaning signal where its model is installed (vectors kept in the
        database) unless `with_meaning` is False (words alone: a web request, whose plan
        is refined by a job, `cascade.refine_suggestions`)."""
        from lotrinh.programmes.models import Clause, Role, TaskAssignment

        tasks = list(programme.tasks.order_by("position"))
        clauses = {
            pk: (parent, text.split("\n")[0])
            for pk, parent, text in Clause.objects.filter(programme=programme).values_list(
                "pk", "parent_id", "text"
            )
        }
        headings: dict[int, list[str]] = {}
        for task in tasks:
            chain: list[str] = []
            own = clauses.get(task.clause_id)
            up = own[0] if own is not None else None
            while up is not None and up in clauses and len(chain) < 4:
                chain.append(clauses[up][1])
                up = clauses[up][0]
            headings[task.pk] = chain
        affinity: dict[int, float] = {}
        rows = TaskAssignment.objects.filter(task__programme=programme).values_list(
            "task_id", "role", "agency_id", "generic", "name_as_written", "agency__name_vi"
        )
        assigned: dict[int, list[tuple[str, int | None, str]]] = {}
        names = {issuer.name_vi} if issuer is not None else set()
        for task_id, role, agency_id, generic, written, registered in rows:
            assigned.setdefault(task_id, []).append((role, agency_id, generic))
            if agency_id is not None:
                names |= {written, registered}
        if issuer is not None:
            covers = generic_addressees_of(issuer)
            for task_id, addressees in assigned.items():
                leads = [(a, g) for role, a, g in addressees if role == Role.LEAD]
                if any(a == issuer.pk or (g and g in covers) for _r, a, g in addressees):
                    affinity[task_id] = cls.OWN_TASK
                elif leads:
                    # Every lead is another agency, named or generic ("Mặt trận Tổ quốc
                    # Việt Nam và các tổ chức chính trị - xã hội" for a province's plan).
                    affinity[task_id] = cls.OTHERS_ONLY
        meanings = meaning.Meanings() if with_meaning and meaning.available() else None
        return cls(tasks, headings=headings, affinity=affinity, names=names, meanings=meanings)

    def prepare(self, texts: Sequence[str]) -> None:
        """Embed a plan's texts (its tasks, its title) at once, before suggesting for each:
        one call to the model for the whole plan."""
        if self.meanings is not None:
            self.meanings.queries([t for t in dict.fromkeys(texts) if t])

    def _vector(
        self, own: Counter[str], section: Counter[str], *, normalise: bool = True
    ) -> dict[str, float]:
        vector: dict[str, float] = {}
        for counts, weight in ((own, 1.0), (section, self.SECTION_WEIGHT)):
            for term, count in counts.items():
                value = weight * (1 + math.log(count)) * self.idf.get(term, 0.0)
                if value:
                    vector[term] = vector.get(term, 0.0) + value
        if not normalise:
            return vector
        norm = _norm(vector)
        return {t: v / norm for t, v in vector.items()}

    # ------------------------------------------------------------ clause references

    def _under(self, prefix: str) -> list[Any]:
        return [t for r, t in self.refs.items() if r == prefix or r.startswith(prefix + ".")]

    def clause_refs(self, text: str) -> list[Any]:
        """The parent's tasks a text names by reference."""
        found: list[Any] = []
        for ref in re.findall(r"\b(" + _ROMAN + r"(?:\.[0-9a-zđ]+)+)\b", text):
            if ref in self.refs:
                found.append(self.refs[ref])
        # "điểm a khoản 3 Mục II"
        for letter, number, section in re.findall(
            r"điểm ([a-zđ]) khoản (\d+) " + _SECTION_WORDS + r" (" + _ROMAN + r")\b", text
        ):
            found.extend(self._under(f"{section}.{number}.{letter}"))
        # "mục 3 Phần III", "khoản 3 Mục II", "nhiệm vụ 2.1 Phần III", "tiết 2.1 mục III"
        for number, section in re.findall(
            r"(?:mục|Mục|khoản|Khoản|nhiệm vụ|Nhiệm vụ|tiết|Tiết|điểm|Điểm)\s+"
            r"(\d+(?:\.\d+)*)\s+(?:của\s+)?" + _SECTION_WORDS + r"\s+(" + _ROMAN + r")\b",
            text,
        ):
            found.extend(self._under(f"{section}.{number}"))
        # "nhiệm vụ 2.1" without its part: the parent's one task numbered so, if only one
        # (not the plan's own numbering: "nhiệm vụ 2.1 nêu trên", "… của Kế hoạch này").
        for number in re.findall(
            r"(?:nhiệm vụ|Nhiệm vụ)\s+(\d+\.\d+(?:\.\d+)*)\b(?!\s+\S+\s+[IVX])"
            r"(?!\s+(?:nêu trên|tại Kế hoạch|của Kế hoạch|trong Kế hoạch))",
            text,
        ):
            matches = [t for r, t in self.refs.items() if r.endswith("." + number)]
            if len(matches) == 1:
                found.append(matches[0])
        return list(dict.fromkeys(found))

    # ------------------------------------------------------------ suggesting

    def scores(
        self,
        text: str,
        context: Iterable[str] = (),
        names: Iterable[str] = (),
        subject: str = "",
        *,
        words_only: bool = False,
    ) -> list[tuple[Any, float]]:
        """Every parent task with its score for a plan task's `text` under the plan's
        section headings `context` (nearest first), best first; `names` (the task's lead
        and coordinating units as written) are left out. `words_only`: without the
        meaning signal."""
        scored = [
            (task, words if words_only else total)
            for task, total, words in self._scored(text, context, names, subject)
        ]
        if words_only:
            scored.sort(key=lambda pair: -pair[1])
        return scored

    def _meaning(self, text: str, subject: str) -> list[float] | None:
        """For each parent task, how far the meaning of `text` (and of the plan's title)
        is closer to it than to the parent's other tasks, in standard deviations (0 below
        the mean)."""
        if self.meanings is None or self.passages is None or len(self.tasks) < 2:
            return None
        cosines = self.passages @ self.meanings.queries([text])[0]
        if subject:
            cosines = cosines + self.SUBJECT_MEANING * (
                self.passages @ self.meanings.queries([subject])[0]
            )
        spread = float(cosines.std())
        if spread < 1e-9:
            return None
        return [max(0.0, float(v)) for v in (cosines - cosines.mean()) / spread]

    def _scored(
        self,
        text: str,
        context: Iterable[str],
        names: Iterable[str],
        subject: str,
    ) -> list[tuple[Any, float, float]]:
        """(parent task, score, score from words alone), best score first."""
        left_out = sorted(set(self.names) | set(_folded_names(names)), key=len, reverse=True)
        query = Counter(terms(text, left_out))
        own = self._vector(query, Counter())
        headings = [
            self._vector(Counter(terms(h, left_out)), Counter()) for h in context if h and h.strip()
        ]
        cosines = [_cosine(own, other) for other in self.vectors]
        own_scores = self._own_scores(query, cosines)
        about = self._vector(Counter(terms(subject, left_out)), Counter())
        # The headings weigh less the more the task says of its own.
        best_own = max(cosines, default=0.0)
        weight = self.CONTEXT_WEIGHT * min(
            1.0, (self.SAYS_LITTLE / best_own) ** self.POWER if best_own else 1.0
        )
        meant = self._meaning(text, subject) or [0.0] * len(self.tasks)
        scored = []
        for task, other, value, sense in zip(
            self.tasks, self.vectors, own_scores, meant, strict=True
        ):
            around = max(
                (
                    self.CONTEXT_DECAY**depth * _cosine(heading, other)
                    for depth, heading in enumerate(headings)
                ),
                default=0.0,
            )
            value = value + weight * around + self.CONTEXT_WEIGHT * _cosine(about, other)
            factor = self.affinity.get(task.pk, 1.0)
            total = (value + self.MEANING_WEIGHT * sense) * factor
            scored.append((task, total, value * factor))
        scored.sort(key=lambda triple: -triple[1])
        return scored

    def _own_scores(self, query: Counter[str], cosines: list[float]) -> list[float]:
        """BM25 of the task's terms `query` for each parent task, scaled so that the best
        is the best of the own-words `cosines` (0 everywhere when nothing is shared)."""
        k1, b = self.K1, self.B
        scores = []
        for document, length in zip(self.documents, self.lengths, strict=True):
            saturation = k1 * (1 - b + b * length / (self.mean_length or 1.0))
            score = 0.0
            for term, count in query.items():
                tf = document.get(term, 0.0)
                if tf:
                    score += count * self.bm25_idf[term] * tf * (k1 + 1) / (tf + saturation)
            scores.append(score)
        best = max(scores, default=0.0)
        if not best:
            return [0.0] * len(scores)
        scale = max(cosines) / best
        return [score * scale for score in scores]

    def follows_up_only(self, text: str, names: Iterable[str] = ()) -> bool:
        """Whether `text` only follows the plan up (docs/cascade.md, "Follow-up tasks"): it
        has follow-up words, and once they, carrying out, the plan itself, generic
        addressees and connectives are set aside, its words find no parent task (best
        score below THRESHOLD, by the task's words alone: not its headings nor the plan's
        title, which every follow-up task of the plan shares)."""
        if not follow_up_words(text):
            return False
        left_out = sorted(set(self.names) | set(_folded_names(names)), key=len, reverse=True)
        own = self._vector(Counter(own_content(text, left_out)), Counter())
        if not own:
            return True
        best = max(
            (
                _cosine(own, other) * self.affinity.get(task.pk, 1.0)
                for task, other in zip(self.tasks, self.vectors, strict=True)
            ),
            default=0.0,
        )
        return best < self.THRESHOLD

    def suggest(
        self,
        text: str,
        context: Iterable[str] = (),
        names: Iterable[str] = (),
        subject: str = "",
    ) -> list[tuple[Any, str, float]]:
        """(parent task, method, score), best first: the tasks the text names by
        reference, otherwise up to KEEP tasks by similarity. Whether anything is suggested
        is the words' decision (THRESHOLD on their best score): meaning re-ranks, it does
        not find a link where the words find none (a follow-up task "báo cáo định kỳ" means
        something close to every parent task a little)."""
        from lotrinh.programmes.models import LinkMethod

        by_clause = [(t, str(LinkMethod.CLAUSE), 1.0) for t in self.clause_refs(text)]
        if by_clause:
            return by_clause[: self.KEEP]
        if self.follows_up_only(text, names):
            return []
        scored = self._scored(text, context, names, subject)
        if not scored or max(words for _t, _s, words in scored) < self.THRESHOLD:
            return []
        best = scored[0][1]
        return [
            (task, str(LinkMethod.TEXT), round(score, 4))
            for task, score, _words in scored[: self.KEEP]
            if score >= max(self.THRESHOLD, best * self.RELATIVE)
        ]


# Where a plan's title stops saying what the plan does and starts saying where, for whom
# or until when ("… trong các khu công nghiệp", "… trên địa bàn tỉnh …", "… đến năm 2030").
_TITLE_SCOPE = re.compile(
    r"\s(?:trong các|trong khu|tại các|tại|trên địa bàn|đối với|giai đoạn|đến năm|năm \d|"
    r"thời kỳ|của (?:tỉnh|thành phố|UBND|Ủy ban))\b",
    re.IGNORECASE,
)


# The formula a plan's title opens with (the genre's, read from the titles of the corpus's
# plans, programmes and decisions, docs/cascade.md "The title's formula"): issuing and
# carrying out ("Về việc ban hành", "Kế hoạch triển khai thực hiện", "Triển khai thi
# hành", "Phê duyệt"), then the kind of instrument carried out ("lộ trình", "quy hoạch",
# "đề án", "Nghị quyết", "Luật", …) with its citation: a number, a date, its issuer, to the
# "về" that opens its subject ("Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị
# về …") or to the next formula ("… của Chính phủ phê duyệt Chiến lược …"). None of it
# says which clause a task carries out: "lộ trình" is the name of a kind of document, not
# III.5.1's "kế hoạch và lộ trình".
_TITLE_FORMULA = re.compile(
    r"^(?:(?:về việc|về|ban hành|phê duyệt|phát động|kế hoạch hành động|kế hoạch|triển khai|"
    r"tổ chức(?=\s+(?:triển khai|thực hiện|thi hành))|thực hiện|thi hành)\s+)+"
    r"(?:(?:lộ trình|quy hoạch|chiến lược|đề án|chương trình|kế hoạch|nghị quyết|quyết định|"
    r"chỉ thị|kết luận|luật)\b"
    r"(?:\s+(?:số\s+)?\S*\d\S*(?:\s+ngày\s+\S+)?"
    r"(?:[^,;]*?\s+về\b|\s+của\s+[^,;]*?(?=\s+(?:ban hành|phê duyệt)\b))?)?\s*)?",
    re.IGNORECASE,
)


def plan_subject(title: str) -> str:
    """What a plan's title says the plan is about, without the genre's formula it opens
    with (`_TITLE_FORMULA`) nor its scope (place, period): "Phát triển hạ tầng 5G, IoT
    trong các khu công nghệ cao …" → "Phát triển hạ tầng 5G, IoT"; "Thực hiện lộ trình đổi
    mới công nghệ đến năm 2035 …" → "đổi mới công nghệ"."""
    title = " ".join(nfc(title or "").split())
    while True:  # "Thực hiện Nghị quyết số … của Chính phủ phê duyệt Chiến lược …": twice
        cut = _TITLE_FORMULA.sub("", title).strip(" ,;:-")
        if not cut or cut == title:
            break
        title = cut
    match = _TITLE_SCOPE.search(title)
    return (title[: match.start()] if match else title).strip(" ,;:-")


def _folded_names(names: Iterable[str]) -> list[str]:
    """Folded names, longest first (so that "Đảng ủy cơ quan Văn phòng Quốc hội" goes
    before "Văn phòng Quốc hội"); very short ones are kept in the text."""
    folded = {fold(n) for n in names if n}
    return sorted((n for n in folded if len(n) >= 6), key=len, reverse=True)


def generic_addressees_of(agency: Any) -> frozenset[str]:
    """The generic addressees of a parent programme that may include `agency`: those the
    registry says cover it ("các bộ, ngành, địa phương" for a province:
    `generic_codes_covering`), the "related …" ones of its kind, and for a Party body "các
    cấp uỷ, tổ chức đảng" ("các cơ quan liên quan" names nobody in particular)."""
    from lotrinh.agencies.models import (
        MINISTRY_LEVEL_KINDS,
        PARTY_KINDS,
        PROVINCE_KINDS,
        AgencyKind,
    )
    from lotrinh.agencies.services import generic_codes_covering
    from lotrinh.programmes.models import GenericAddressee as G

    codes = {str(c) for c in generic_codes_covering(agency)}
    if agency.kind in PROVINCE_KINDS:
        codes |= {G.RELATED_PROVINCES, G.RELATED_AGENCIES_PROVINCES}
    elif agency.kind in MINISTRY_LEVEL_KINDS:
        codes |= {G.RELATED_AGENCIES, G.RELATED_AGENCIES_PROVINCES}
    elif agency.kind in PARTY_KINDS:
        codes |= {G.PARTY_COMMITTEES}
    elif agency.kind == AgencyKind.FATHERLAND_FRONT:
        codes |= {G.SOCIO_POLITICAL_ORGANISATIONS}
    return frozenset(str(c) for c in codes)
