import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from lib import Doc, cells  # noqa: E402

d = Doc("qd2597_ttg_2025_cds_ha_tang_xay_dung")
BXD, KHCN, BTC = "Bộ Xây dựng", "Bộ Khoa học và Công nghệ", "Bộ Tài chính"
REL = "g:related_bodies"
# III: assigned by reference in V: Bộ Xây dựng chủ trì, phối hợp với các cơ quan liên quan:
# mục 1–6 and 7a, 7b (V.1.d); Bộ KH&CN phối hợp: 1c, 1g, 3d, 6b (V.2.b); Bộ Tài chính chủ trì,
# phối hợp với Bộ Xây dựng và các bộ, ngành, địa phương có liên quan: 3c (V.3.b).
d.group([48, 49], [BXD], [REL])
d.add(50, [BXD], [REL, KHCN])
d.group([51, 52, 53], [BXD], [REL])
d.add(54, [BXD], [REL, KHCN])
d.group([56, 57, 58, 59, 61, 62], [BXD], [REL])
d.add(63, [BTC], [BXD, "g:related_agencies_provinces"])
d.add(64, [BXD], [REL, KHCN])
d.group([65, 66, 67, 69, 70, 71, 74, 75, 76], [BXD], [REL])
d.add((77, 78), [BXD], [REL])
d.add((79, 80), [BXD], [REL])
d.add(82, [BXD], [REL])
d.add(83, [BXD], [REL, KHCN])
d.group([85, 86], [BXD], [REL])
d.add(87)  # 7c: no reference assigns it
# V. Tổ chức thực hiện: duties of their own (the by-reference points 1d, 2b, 3b assign III).
d.add(95, [BXD], ["g:all_ministries_agencies", "g:all_provinces"])
d.group([96, 97, 99], [BXD])
d.add(101, [KHCN])
d.add(104, [BTC], [BXD, "g:related_agencies_provinces"])
d.add((106, 107), ["g:all_ministries_agencies"], [BXD])
d.group([109, 110], ["g:all_provinces"])
d.add(111, ["g:all_provinces"], [BXD])
d.table(
    0,
    1,
    2,
    3,
    cells(
        {
            BXD: [BXD],
            KHCN: [KHCN],
            BTC: [BTC],
            "Bộ Xây dựng, các địa phương": [BXD, "g:all_provinces"],
            "Các bộ, ngành liên quan": ["g:related_agencies"],
            "Các bộ, ngành, địa phương": ["g:all_ministries_agencies_provinces"],
            "Các bộ, ngành, địa phương liên quan": ["g:related_agencies_provinces"],
            "Các địa phương": ["g:all_provinces"],
            "Bộ Nông nghiệp và Môi trường, các địa phương": [
                "Bộ Nông nghiệp và Môi trường",
                "g:all_provinces",
            ],
            "Bộ Tài chính, Bộ Nông nghiệp và Môi trường, các địa phương": [
                BTC,
                "Bộ Nông nghiệp và Môi trường",
                "g:all_provinces",
            ],
            "Bộ Khoa học và Công nghệ; các doanh nghiệp viễn thông": [
                KHCN,
                "các doanh nghiệp viễn thông",
            ],
            "Bộ Khoa học và Công nghệ; các bộ, ngành liên quan": [KHCN, "g:related_agencies"],
        }
    ),
)
d.write(
    "qd2597-ttg",
    "2597/QĐ-TTg (2025), read by hand from the .docx. III's lettered items and bullets are the tasks, assigned by reference in V (V.1.d: Bộ Xây dựng leads mục 1–6 and 7a–b with 'các cơ quan liên quan'; V.2.b adds Bộ Khoa học và Công nghệ as coordinator of 1c, 1g, 3d, 6b; V.3.b gives 3c to Bộ Tài chính; 7c is assigned by no reference); the reference points themselves are assignments, not tasks; V's other points are tasks of their own; the appendix rows are recorded separately with their own columns. Điều 2–3 are not tasks. 'Ủy ban nhân dân các tỉnh, thành phố' = all_provinces.",
)
