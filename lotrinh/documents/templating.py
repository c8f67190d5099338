"""Word templates uploaded by MOST: what they may contain, and the sandbox they run in.

A .docx template is Jinja code (docxtpl), and Jinja reaches Python objects: an
unchecked template can walk `header.__class__.__mro__` to `os.popen` and run commands
on the worker. Two independent locks keep that out:

1. At upload (and `lotrinh template check`), `check_template` parses the Jinja of every
   part docxtpl renders (body, headers, footers, footnotes, document properties) and
   accepts only the documented placeholders, filters and tags (docs/documents.md):
   no attribute other than a documented one, no subscript, no call, no unknown name.
2. At render, `sandboxed_environment()` is a `jinja2.sandbox.SandboxedEnvironment` with
   no globals, only the documented filters, and a context holding only the documented
   placeholders; a template put in place by other means fails with a SecurityError.
"""

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docxtpl import DocxTemplate
from jinja2 import TemplateSyntaxError, nodes
from jinja2.filters import FILTERS as JINJA_FILTERS
from jinja2.runtime import LoopContext
from jinja2.sandbox import SandboxedEnvironment
from lxml.etree import ErrorTypes, LxmlError, XMLSyntaxError

from lotrinh.core.locale import active_language

# The documented placeholders (docs/documents.md). A dotted name is a field of a group.
PLACEHOLDERS = frozenset(
    {
        "header.parent",
        "header.issuer",
        "header.number",
        "header.national_title",
        "header.motto",
        "header.place_date",
        "header.kind",
        "header.title",
        "body",
        "signature.authority",
        "signature.name",
        "programme.code",
        "programme.title",
        "programme.issue_date",
        "year",
        "cutoff",
        "agency",
        # True in a Party body's document (Hướng dẫn 36-HD/VPTW): its "Nơi nhận" lines end
        # with "," ({% if loop.last %}.{% elif party %},{% else %};{% endif %}).
        "party",
    }
)
# Lists a template may loop over: {% for r in recipients %}{{ r }}{% endfor %}.
LISTS = frozenset({"recipients"})
# What a loop may ask of its position, in a test: Decree 30 ends every recipient's line
# with ";" and the last with "." ({% if loop.last %}.{% else %};{% endif %}).
LOOP_FIELDS = frozenset({"first", "last"})
# Top-level names given to the renderer (and nothing else).
CONTEXT_NAMES = frozenset(name.split(".")[0] for name in PLACEHOLDERS) | LISTS
REQUIRED = "body"
# Filters a template may use: {{ header.issuer|upper }}, {{ agency|default("…") }}.
FILTERS = ("upper", "lower", "capitalize", "title", "trim", "default")


def field_guide() -> list[tuple[str, str, str]]:
    """(name, how a template writes it, what it holds) of every field a template may use:
    shown beside the upload, so a clerk needs no file of the developers'."""
    described = (
        ("body", "{{p body }}", _("nội dung báo cáo (bắt buộc): các phần, bảng, biểu đồ")),
        ("header.parent", "", _("cơ quan chủ quản của cơ quan ban hành (có thể trống)")),
        ("header.issuer", "", _("cơ quan ban hành, ví dụ %(example)s")),
        ("header.number", "", _("số, ký hiệu văn bản, ví dụ %(example)s")),
        ("header.national_title", "", _("quốc hiệu")),
        ("header.motto", "", _("tiêu ngữ")),
        ("header.place_date", "", _("địa danh, ngày tháng năm ban hành")),
        ("header.kind", "", _("tên loại văn bản, ví dụ %(example)s")),
        ("header.title", "", _("trích yếu nội dung")),
        ("signature.authority", "", _("thẩm quyền, chức vụ người ký")),
        ("signature.name", "", _("họ tên người ký")),
        ("programme.code", "", _("số, ký hiệu chương trình")),
        ("programme.title", "", _("tên chương trình")),
        ("programme.issue_date", "", _("ngày ban hành chương trình")),
        ("year", "", _("năm báo cáo")),
        ("cutoff", "", _("ngày chốt số liệu (dd/mm/yyyy)")),
        ("agency", "", _("cơ quan báo cáo (trống trong báo cáo tổng hợp)")),
        (
            "recipients",
            "{% for r in recipients %}{{ r }}{% endfor %}",
            _("nơi nhận, mỗi nơi một dòng; trong vòng lặp được dùng loop.first, loop.last"),
        ),
        (
            "party",
            "{% if party %}…{% else %}…{% endif %}",
            _("đúng trong văn bản của cơ quan Đảng (Hướng dẫn 36-HD/VPTW)"),
        ),
    )
    return [
        (name, syntax or "{{ " + name + " }}", _with_example(str(text), FIELD_EXAMPLES.get(name)))
        for name, syntax, text in described
    ]


# What a field holds in a document of the genre (Decree 30): Vietnamese on every page.
FIELD_EXAMPLES = {
    "header.issuer": "BỘ KHOA HỌC VÀ CÔNG NGHỆ",
    "header.number": "Số: /BC-BKHCN",
    "header.kind": "BÁO CÁO",
}


def _with_example(text: str, example: str | None) -> str:
    """`text` with its Vietnamese example in place, marked `lang="vi"` on a page in
    another language (read aloud in Vietnamese, not spelt out as English)."""
    if example is None:
        return text
    shown = (
        format_html('<span lang="vi">{}</span>', example)
        if active_language() != "vi"
        else conditional_escape(example)
    )
    return mark_safe(conditional_escape(text) % {"example": shown})  # noqa: S308 - both escaped


# Core document properties docxtpl renders as templates too.
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


class TemplateProblem(Exception):
    """A template that cannot be used; the message names the expression."""


class TemplateSandbox(SandboxedEnvironment):
    """Jinja's sandbox, narrowed further: placeholders are dictionary keys, so no object
    attribute may be read (not even a public one, such as the body's document) and
    nothing may be called; the documented filters still work."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # Only a loop's position (a bool), nothing of any object.
        return type(obj) is LoopContext and attr in LOOP_FIELDS

    def is_safe_callable(self, obj: Any) -> bool:
        return False


def sandboxed_environment() -> SandboxedEnvironment:
    """The only Jinja environment templates are rendered in."""
    env = TemplateSandbox(autoescape=True)
    env.globals.clear()  # no range, cycler, joiner, namespace, lipsum, dict
    env.filters = {name: JINJA_FILTERS[name] for name in FILTERS}
    env.tests = {}
    return env


def template_context(data: dict[str, Any], body: Any) -> dict[str, Any]:
    """Only the documented placeholders reach the template."""
    context = {name: data[name] for name in CONTEXT_NAMES if name in data}
    context["body"] = body
    return context


def _sources(template: DocxTemplate) -> Iterator[tuple[str, str]]:
    """(part name, Jinja source) for every part docxtpl renders."""
    document = template.get_docx()
    yield "document.xml", template.patch_xml(template.get_xml())
    for rel in document.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER) and rel.target_part.blob:
            yield (
                str(rel.target_part.partname),
                template.patch_xml(template.get_part_xml(rel.target_part)),
            )
    for part in document.part.package.parts:
        if part.content_type == FOOTNOTES:
            yield (
                str(part.partname),
                template.patch_xml(template.xml_to_string(parse_xml(part.blob))),
            )
    properties = document.core_properties
    for name in PROPERTIES:
        value = getattr(properties, name) or ""
        if value:
            yield f"docProps/core.xml ({name})", value


def describe(node: nodes.Node) -> str:
    """A Jinja-like text of an expression, to name it in a message."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Const):
        return repr(node.value)
    if isinstance(node, nodes.Getattr):
        return f"{describe(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem):
        return f"{describe(node.node)}[{describe(node.arg)}]"
    if isinstance(node, nodes.Call):
        args = [describe(a) for a in node.args] + [
            f"{k.key}={describe(k.value)}" for k in node.kwargs
        ]
        return f"{describe(node.node)}({', '.join(args)})"
    if isinstance(node, nodes.Filter):
        given = f"({', '.join(describe(a) for a in node.args)})" if node.args else ""
        return f"{describe(node.node) if node.node else ''}|{node.name}{given}"
    if isinstance(node, nodes.Output):
        return " ".join(describe(n) for n in node.nodes if not isinstance(n, nodes.TemplateData))
    return type(node).__name__


class _Checker:
    def __init__(self) -> None:
        self.used: set[str] = set()

    def refuse(self, node: nodes.Node, reason: str) -> None:
        raise TemplateProblem(
            _("%(reason)s: “%(expression)s” (dòng %(lineno)s).")
            % {"reason": reason, "expression": describe(node), "lineno": node.lineno}
        )

    def leaf(self, node: nodes.Node, loop_names: frozenset[str]) -> None:
        """A placeholder, a loop variable, or one of them through documented filters."""
        if isinstance(node, nodes.Filter):
            if node.name not in FILTERS:
                self.refuse(node, _("Mẫu dùng bộ lọc không được phép"))
            if node.kwargs or node.dyn_args or node.dyn_kwargs or node.node is None:
                self.refuse(node, _("Mẫu dùng bộ lọc với tham số không được phép"))
            for arg in node.args:
                if not isinstance(arg, nodes.Const) or not isinstance(arg.value, str | int | bool):
                    self.refuse(node, _("Tham số của bộ lọc chỉ được là chữ hoặc số"))
            assert node.node is not None
            self.leaf(node.node, loop_names)
            return
        if (
            isinstance(node, nodes.Getattr)
            and isinstance(node.node, nodes.Name)
            and f"{node.node.name}.{node.attr}" in loop_names
        ):
            return  # loop.first / loop.last inside a loop
        if isinstance(node, nodes.Name) and node.ctx == "load":
            if node.name in loop_names:
                return
            if node.name in PLACEHOLDERS:
                self.used.add(node.name)
                return
            self.refuse(node, _("Mẫu dùng trường không có trong dữ liệu báo cáo"))
        if (
            isinstance(node, nodes.Getattr)
            and isinstance(node.node, nodes.Name)
            and f"{node.node.name}.{node.attr}" in PLACEHOLDERS
        ):
            self.used.add(f"{node.node.name}.{node.attr}")
            return
        if isinstance(node, nodes.Getattr | nodes.Getitem | nodes.Call):
            self.refuse(node, _("Mẫu dùng biểu thức không được phép"))
        if isinstance(node, nodes.Name):
            self.refuse(node, _("Mẫu dùng trường không có trong dữ liệu báo cáo"))
        self.refuse(node, _("Mẫu dùng biểu thức không được phép"))

    def statements(self, body: list[nodes.Node], loop_names: frozenset[str]) -> None:
        for node in body:
            if isinstance(node, nodes.Output):
                for child in node.nodes:
                    if not isinstance(child, nodes.TemplateData):
                        self.leaf(child, loop_names)
            elif isinstance(node, nodes.For):
                if (
                    not isinstance(node.target, nodes.Name)
                    or not isinstance(node.iter, nodes.Name)
                    or node.iter.name not in LISTS
                    or node.test is not None
                    or node.recursive
                ):
                    self.refuse(
                        node.iter,
                        _(
                            "Vòng lặp chỉ được duyệt danh sách recipients (for r in recipients); mẫu có"
                        ),
                    )
                assert isinstance(node.target, nodes.Name)
                inner = loop_names | {node.target.name} | {f"loop.{f}" for f in LOOP_FIELDS}
                self.statements(node.body, inner)
                self.statements(node.else_, loop_names)
            elif isinstance(node, nodes.If):
                for test in (node.test, *(n.test for n in node.elif_)):
                    self.leaf(test.node if isinstance(test, nodes.Not) else test, loop_names)
                self.statements(node.body, loop_names)
                for branch in node.elif_:
                    self.statements(branch.body, loop_names)
                self.statements(node.else_, loop_names)
            else:
                raise TemplateProblem(
                    _("Mẫu dùng thẻ {%% %%} không được phép: “%(tag)s” (dòng %(lineno)s).")
                    % {"tag": type(node).__name__.lower(), "lineno": node.lineno}
                )


# lxml's errors that are about XML entities ("&name;", <!ENTITY>): undeclared, looping,
# or expanding past libxml2's amplification limit (a "billion laughs").
_ENTITY_ERRORS = frozenset(
    code for name, code in vars(ErrorTypes).items() if isinstance(code, int) and "ENTITY" in name
) | {ErrorTypes.ERR_RESOURCE_LIMIT}


def entity_problem() -> str:
    return _(
        "Tệp mẫu có thực thể XML (dạng “&tên;” hoặc khai báo <!ENTITY>) mà Lộ trình không nhận; Word không tạo ra chúng. Hãy mở mẫu bằng Word, lưu thành tệp .docx mới rồi tải lên lại."
    )


def unreadable_template(exc: BaseException) -> str:
    """Why a template file could not be opened, in the reader's language: what is wrong
    and what to do, never the parser's own (English) text."""
    if isinstance(exc, XMLSyntaxError) and exc.code in _ENTITY_ERRORS:
        return entity_problem()
    if isinstance(exc, LxmlError):
        return _(
            "Nội dung XML bên trong tệp mẫu bị hỏng (không đúng cấu trúc của tệp Word). Hãy mở mẫu bằng Word, lưu thành tệp .docx mới rồi tải lên lại."
        )
    return _(
        "Không mở được tệp mẫu: tệp hỏng hoặc không phải văn bản Word (.docx). Hãy mở mẫu bằng Word, lưu thành tệp .docx rồi tải lên lại."
    )


def _where(part: str) -> str:
    """Where in the Word file a part is, as its author sees it."""
    name = part.lower()
    if "header" in name:
        return _("đầu trang")
    if "footer" in name:
        return _("chân trang")
    if "footnote" in name:
        return _("chú thích cuối trang")
    if name.startswith("docprops"):
        return _("thuộc tính của tệp (File > Info)")
    return _("phần nội dung")


def _token(text: str) -> str:
    """Jinja's name of a token, as the author wrote it."""
    return {"end of print statement": "}}", "end of statement block": "%}"}.get(text, text)


def syntax_problem(exc: TemplateSyntaxError, part: str) -> str:
    """A placeholder written wrongly, in the reader's language: where, what, and what to
    do; never Jinja's own (English) text, nor its line number (a .docx part is one long
    line of XML, so the number says nothing to the author)."""
    message = exc.message or ""
    innermost = re.search(r"innermost block that needs to be closed is '(\w+)'", message)
    unknown = re.search(r"Encountered unknown tag '(\w+)'", message)
    got = re.search(r"(?:got|unexpected(?: char)?) '(.+?)'", message)
    if innermost:
        what = _("khối “{%% %(tag)s … %%}” được mở nhưng không đóng bằng “{%% end%(tag)s %%}”") % {
            "tag": innermost.group(1)
        }
    elif unknown and unknown.group(1).startswith("end"):
        what = _("thẻ “{%% %(tag)s %%}” không có khối mở tương ứng") % {"tag": unknown.group(1)}
    elif unknown:
        what = _("thẻ “{%% %(tag)s %%}” không có trong các thẻ mẫu được dùng") % {
            "tag": unknown.group(1)
        }
    elif message.lower().startswith("unexpected end of template") or (
        # an unclosed "{{" runs into the part's XML ("</w:t>"), which the author never typed
        got and got.group(1) in ("<", "/", ">")
    ):
        what = _("một chỗ điền mở bằng “{{” hoặc “{%” nhưng không được đóng")
    elif got:
        what = _("một chỗ điền viết sai, gặp “%(token)s” không đúng chỗ") % {
            "token": _token(got.group(1))
        }
    else:
        what = _("một chỗ điền viết sai")
    return _(
        "Lỗi cú pháp trong mẫu, ở %(where)s: %(what)s. Hãy sửa lại trong Word cho đúng dạng “{{ tên }}” hoặc “{%% … %%}” rồi tải lên lại."
    ) % {"where": _where(part), "what": what}


# A document type declaration, where entities are declared: Word writes none in a
# .docx; lxml (resolve_entities=False) would keep a declared entity unexpanded and the
# rendered document would silently lose its text. Searched in UTF-8 and UTF-16 parts.
_DECLARATIONS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


def _declares_entities(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.filename.lower().endswith((".xml", ".rels")):
                data = archive.read(info)
                if any(marker in data for marker in _DECLARATIONS):
                    return True
    return False


def check_template(path: Path) -> None:
    """Refuse a template that is not a .docx, has a syntax error, or uses anything but
    the documented placeholders, filters and tags; the message names the expression."""
    env = sandboxed_environment()
    checker = _Checker()
    try:
        declares = _declares_entities(path)
        template = DocxTemplate(str(path))
        sources = list(_sources(template))
    except Exception as exc:
        raise TemplateProblem(unreadable_template(exc)) from exc
    if declares:
        raise TemplateProblem(entity_problem())
    for part, source in sources:
        try:
            tree = env.parse(source)
        except TemplateSyntaxError as exc:
            raise TemplateProblem(syntax_problem(exc, part)) from exc
        checker.statements(tree.body, frozenset())
    if REQUIRED not in checker.used:
        raise TemplateProblem(
            _("Mẫu thiếu trường nội dung “{{p body }}”: văn bản sẽ không có phần nội dung.")
        )
