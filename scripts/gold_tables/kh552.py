import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from lib import Doc, cells  # noqa: E402

d = Doc("kh552_ubnd_dongthap_2025_doi_moi_cong_nghe")
# III. Lộ trình thực hiện stages the plan's aims; the document puts its tasks in
# "NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU (chi tiết Phụ lục đính kèm)": the appendix.
# V. Tổ chức thực hiện: the heading names who leads its bullets.
KHCN, NN, CT, TC, GD = (
    "Sở Khoa học và Công nghệ",
    "Sở Nông nghiệp và Môi trường",
    "Sở Công Thương",
    "Sở Tài chính",
    "Sở Giáo dục và Đào tạo",
)
BQL = "Ban Quản lý khu Kinh tế"
d.group([103, 104, 105], [KHCN])
d.add(106, [KHCN], ["g:departments_localities"])
d.add(107, [KHCN])
d.group([109, 110, 111, 112], [NN])
d.group([114, 115], [CT])
d.add(116, [CT], ["g:related_departments"])
d.group([118, 119], [TC])
d.add(120, [TC], ["g:departments_localities"])
d.add(121, [TC])
d.add(123, [GD], ["g:departments_localities"])
d.add(124, [GD])
d.add(125, [GD], ["doanh nghiệp", "viện nghiên cứu", "trường đại học"])
d.add(126, [GD])
d.add(128, [BQL], ["g:departments_localities"])
d.group([129, 130, 131, 132], [BQL])
d.add((133, 134), ["Liên hiệp các Hội Khoa học và Kỹ thuật"])
d.add((135, 136), ["g:departments"])
d.group([138, 139], ["g:communes"])
d.add(140, ["g:communes"], ["g:related_departments"])
d.group([142, 143], ["Hiệp hội Doanh nghiệp"])
REL = ["g:related_departments"]
d.table(
    0,
    1,
    2,
    3,
    cells(
        {
            TC: [TC],
            KHCN: [KHCN],
            CT: [CT],
            NN: [NN],
            GD: [GD],
            BQL: [BQL],
            "Liên hiệp các Hội Khoa học và Kỹ thuật": ["Liên hiệp các Hội Khoa học và Kỹ thuật"],
            "Sở Văn hoá Thể thao du lịch": ["Sở Văn hoá Thể thao du lịch"],
            "Hiệp hội Doanh nghiệp": ["Hiệp hội Doanh nghiệp"],
            "Sở, ban, ngành có liên quan": REL,
            "Sở Công Thương; Ban Quản lý khu Kinh tế tỉnh Đồng Tháp": [
                CT,
                "Ban Quản lý khu Kinh tế tỉnh Đồng Tháp",
            ],
            "Viện, Trường; Doanh nghiệp, Sở, ban, ngành có liên quan": [
                "Viện",
                "Trường",
                "Doanh nghiệp",
            ]
            + REL,
            "Viện, Trường; Doanh nghiệp; Sở, ban, ngành có liên quan": [
                "Viện",
                "Trường",
                "Doanh nghiệp",
            ]
            + REL,
            "Viện, Trường; Sở, ban, ngành có liên quan": ["Viện", "Trường"] + REL,
            "Doanh nghiệp; Sở, ban, ngành có liên quan": ["Doanh nghiệp"] + REL,
            "Doanh nghiệp, Sở, ban, ngành có liên quan": ["Doanh nghiệp"] + REL,
            "Doanh nghiệp": ["Doanh nghiệp"],
        }
    ),
)
d.write(
    "kh552-dongthap",
    "552/KH-UBND Đồng Tháp (2025), read by hand from the .docx. Tasks: the bullets of V under the body that leads them (a bullet's 'Phối hợp với …' names its coordinators), and the appendix rows (CHỦ TRÌ | PHỐI HỢP; 'Viện, Trường; Doanh nghiệp' are parties named as written; 'Sở, ban, ngành có liên quan' = related_departments). A row that repeats a bullet of V in the same words is one task with the row's columns. the roadmap (III. Lộ trình thực hiện: the plan's aims staged by period, while the document itself puts its tasks in 'NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU (chi tiết Phụ lục đính kèm)'), IV (Kinh phí) and VI (theo dõi, báo cáo: the reporting regime) are not tasks. Departments are units of Tỉnh Đồng Tháp, recorded as written ('Sở Văn hoá Thể thao du lịch' as written: it is Sở Văn hóa, Thể thao và Du lịch).",
)
