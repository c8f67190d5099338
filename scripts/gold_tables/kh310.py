import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from lib import Doc, cells  # noqa: E402

d = Doc("kh310_ubnd_hanoi_2025_5g_iot")
BQL = "Ban Quản lý các khu công nghệ cao và khu công nghiệp"
# III. Giải pháp: solutions naming no agency, except where a subject acts (4b).
d.group([36, 37, 38, 40, 41, 43, 44, 45, 47])
d.add(48, ["Doanh nghiệp viễn thông"])
d.group([49, 50])
d.add((51, 52))
# V. Tổ chức thực hiện: each numbered heading names who leads its bullets.
d.add(63, [BQL], ["g:related_departments"])
d.add(64, [BQL])
d.add(65, [BQL], ["Sở Khoa học và Công nghệ", "Sở Xây dựng", "g:related_bodies"])
d.add(66, [BQL])
d.group([68, 69, 70], ["Sở Khoa học và Công nghệ"])
d.add(72, ["Sở Tài chính"])
d.add(73, ["Sở Tài chính"], [BQL, "Sở Khoa học và Công nghệ", "g:related_bodies"])
LOCAL = ["g:departments", "g:communes"]
d.add(75, LOCAL, [BQL])
d.add(76, LOCAL)
ENT = ["Các doanh nghiệp viễn thông, tổ chức, cá nhân có liên quan"]
d.group([78, 79], ENT)
# A point whose own subject names who acts keeps it (as 144-KH's VI.18 a, b, d do under "Các
# doanh nghiệp công nghệ số"): the class runs to its predicate, "bảo đảm".
d.add(80, ["Doanh nghiệp viễn thông, tổ chức"])
d.table(
    0,
    1,
    2,
    3,
    cells(
        {
            BQL: [BQL],
            "Doanh nghiệp, nhà cung cấp dịch vụ IoT, nhà đầu tư": [
                "Doanh nghiệp, nhà cung cấp dịch vụ IoT, nhà đầu tư"
            ],
            "Sở Khoa học và Công nghệ Sở Công Thương; UBND các phường, xã": [
                "Sở Khoa học và Công nghệ",
                "Sở Công Thương",
                "g:communes",
            ],
            "Sở Khoa học và Công nghệ, Sở Công Thương, Các doanh nghiệp viễn thông": [
                "Sở Khoa học và Công nghệ",
                "Sở Công Thương",
                "Các doanh nghiệp viễn thông",
            ],
            "Sở Tài chính": ["Sở Tài chính"],
            "Các doanh nghiệp đầu tư hạ tầng": ["Các doanh nghiệp đầu tư hạ tầng"],
            "Ban Quản lý các khu công nghệ cao và khu công nghiệp, Sở Khoa học và Công nghệ, Sở Công Thương": [
                BQL,
                "Sở Khoa học và Công nghệ",
                "Sở Công Thương",
            ],
            "Sở Khoa học và Công nghệ": ["Sở Khoa học và Công nghệ"],
        }
    ),
)
d.write(
    "kh310-hanoi",
    "310/KH-UBND Hà Nội (2025), read by hand from the .docx. Tasks: the lettered solutions of III (no agency unless a subject acts: 4b), the bullets of V (Tổ chức thực hiện) under the department heading that leads them ('Chủ trì, phối hợp với …'/'Phối hợp với …' in a bullet names its coordinators), and the six appendix rows (the coordinating cell 'Sở Khoa học và Công nghệ Sở Công Thương; …' lost its line break: two names). IV (Kinh phí) and the closing request are not tasks. The city's departments are units of Thành phố Hà Nội, recorded as written; classes of addressees ('các Sở, Ban, ngành liên quan', 'UBND phường, xã') by generic code.",
)
