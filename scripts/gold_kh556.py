"""Annotation of Đồng Tháp's plan 556/KH-UBND (2025), read by hand (docs/importer.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from importer_gold import Flat, task, write  # noqa: E402

EVAL = Path(__file__).resolve().parent.parent / "tests" / "importer" / "eval"
f = Flat(EVAL / "kh556-dongthap.txt").at("NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU")
RDL = ["related_departments_localities"]
s = f.span

# III. Nhiệm vụ và giải pháp chủ yếu: every bullet or lettered point is a task; none names
# who acts, except two that name whom to work with.
section_iii = [
    task(s("Tập trung quán triệt", "tầm quan trọng của chiến lược.")),
    task(s("Tổ chức tuyên truyền sâu rộng", "phát triển bền vững.")),
    task(s("Tập trung tuyên truyền, nâng cao", "tài nguyên, môi trường biển, đảo.")),
    task(s("Đẩy mạnh giáo dục pháp luật", "thuộc danh mục ưu tiên bảo vệ.")),
    task(s("Triển khai thực hiện quy hoạch tổng thể", "các hộ dân có liên quan.")),
    task(s("Phát triển công nghiệp, cảng biển", "nâng cao chất lượng cuộc sống người dân.")),
    task(s("Tăng cường đầu tư xây dựng, nâng cấp các cảng cá", "hỗ trợ dịch vụ cứu hộ, cứu nạn.")),
    task(s("Từng bước khắc phục", "ứng phó với biến đổi khí hậu, nước biển dâng.")),
    task(s("Thực hiện các mục tiêu bảo đảm quốc phòng", "các di sản văn hóa biển.")),
    # "- Ưu tiên bố trí không gian biển cho các hoạt động sau:" only introduces the "+" items.
    task(s("Phát triển nhanh, đa dạng", "và tuyến du lịch liên tỉnh.")),
    task(s("Khai thác tốt các tuyến vận tải", "phát triển dịch vụ vận tải biển.")),
    task(s("Đánh giá, thăm dò, khai thác tài nguyên biển", "tiết kiệm, hiệu quả.")),
    task(s("Phát triển ngành thủy sản toàn diện", "đạt 1.700 ha.")),
    task(s("Nghiên cứu, phát triển năng lượng tái tạo", "không đổ được trên bờ.")),
    task(s("Ưu tiên nguồn lực để đẩy mạnh", "suy giảm đa dạng sinh học.")),
    task(s("Tạo bước chuyển biến căn bản", "quản lý tổng hợp vùng bờ.")),
    task(s("Thúc đẩy hoạt động đồng quản lý", "cơ sở vật chất, trang thiết bị.")),
    task(s("Thực hiện điều tra, đánh giá sức chịu tải", "vượt sức chịu tải môi trường.")),
    task(s("Tăng cường năng lực và chủ động kiểm soát", "nguồn gây ô nhiễm môi trường biển.")),
    task(s("Ưu tiên nguồn lực từ nguồn kinh phí", "khu du lịch biển đạt 100%.")),
    task(s("Tăng cường năng lực hệ thống quan trắc", "môi trường biển và hải đảo quốc gia.")),
    task(s("Kiện toàn tổ chức, tăng cường năng lực", "ô nhiễm môi trường biển và hải đảo.")),
    task(s("Tăng cường công tác bảo vệ đa dạng sinh học", "đến năm 2030 đạt 1.700 ha.")),
    task(s("Đến năm 2030, 100% các khu vực", "quản lý hiệu quả.")),
    task(s("Kiểm soát chặt chẽ hoạt động khai thác", "danh mục cần được bảo tồn.")),
    task(s("Ngăn ngừa, kiểm soát chặt chẽ", "qua hoạt động vận tải biển.")),
    task(s("Tăng cường năng lực quan trắc biến đổi khí hậu", "được kết nối thông suốt.")),
    task(s("Nâng cao khả năng chống chịu", "sinh kế cộng đồng trên vùng biển và ven biển.")),
    task(s("Triển khai các giải pháp ứng phó", "đối với vùng biển và ven biển.")),
    task(s("Rà soát, đổi mới công nghệ", "bằng 0 vào năm 2050.")),
    task(
        s("Phối hợp với các bộ, ngành Trung ương", "tầm nhìn đến năm 2045."),
        coord_generic=["all_ministries_agencies"],
    ),
    task(s("Xây dựng và số hóa hồ sơ", "biển và hải đảo của Việt Nam.")),
    task(s("Tăng cường ứng dụng khoa học, công nghệ mới", "đáp ứng nhu cầu của thị trường.")),
    task(s("Thường xuyên chủ động tìm kiếm", "ven biển của tỉnh."), coord_generic=["bodies"]),
    task(s("Đầu tư trang thiết bị, phương tiện", "trên địa bàn tỉnh Đồng Tháp.")),
    task(s("Thúc đẩy sự tham gia của doanh nghiệp", "thân thiện môi trường.")),
    task(s("Đẩy mạnh hợp tác, tranh thủ", "biến đổi khí hậu, nước biển dâng.")),
    task(s("Xây dựng các chương trình đào tạo nghề", "chuyển đổi nghề nghiệp của người dân.")),
    task(s("Tiếp tục hoàn thiện thể chế", "phát triển kinh tế - xã hội.")),
    task(s("Tăng cường năng lực, kiện toàn bộ máy", "môi trường biển và hải đảo.")),
    task(s("Có cơ chế khuyến khích", "Quản lý tổng hợp vùng bờ.")),
    task(s("Huy động và sử dụng có hiệu quả", "bảo vệ môi trường biển và hải đảo.")),
    task(s("Nghiên cứu, xây dựng cơ chế tăng nguồn thu", "bảo vệ môi trường biển.")),
    task(s("Vận hành hệ thống thông tin", "Sở Nông nghiệp và Môi trường và các sở, ngành khác.")),
]

# IV. Nhiệm vụ cụ thể: one numbered heading per department, which leads its duties.
NN = "Sở Nông nghiệp và Môi trường"
COMMUNES = [
    f"Ủy ban nhân dân xã {n}" for n in ("Gia Thuận", "Tân Điền", "Gò Công Đông", "Tân Phú Đông")
]
f.at("NHIỆM VỤ CỤ THỂ")


def duty(first: str, last: str, lead: list[str], coord=(), coord_generic=(), lead_generic=()):
    return task(
        s(first, last),
        lead=lead,
        coordinating=coord,
        coord_generic=coord_generic,
        lead_generic=lead_generic,
    )


VH, CT, XD, KH, TC, NV = (
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Công Thương",
    "Sở Xây dựng",
    "Sở Khoa học và Công nghệ",
    "Sở Tài chính",
    "Sở Nội vụ",
)
section_iv = [
    duty("Chủ trì, theo dõi, kiểm tra", "đồng gửi Ủy ban nhân dân tỉnh theo dõi.", [NN]),
    duty("Tiếp tục thực hiện Nghị quyết số 36-NQ/TW", "tầm nhìn đến năm 2045.", [NN]),
    duty("Chủ trì, phối hợp các sở,", "biển, hải đảo trên địa bàn tỉnh.", [NN], coord_generic=RDL),
    duty(
        "Chủ trì, phối hợp các sở,",
        "Chương trình Quản lý tổng hợp vùng bờ.",
        [NN],
        coord_generic=RDL,
    ),
    duty("Chủ trì, phối hợp với các sở,", "phát triển kinh tế biển.", [NN], coord_generic=RDL),
    duty(
        "Tiếp tục triển khai thực hiện Kế hoạch 310",
        "hệ sinh thái biển đến năm 2030.",
        [NN],
        coord=COMMUNES,
    ),
    duty("Theo dõi và quản lý các hoạt động", "bảo vệ diện tích rừng ngập mặn.", [NN]),
    duty(
        "Tăng cường đầu tư xây dựng, nâng cấp các cảng cá", "hỗ trợ dịch vụ cứu hộ, cứu nạn.", [NN]
    ),
    duty("Tăng cường tuyên truyền các tiêu chuẩn", "không theo quy định.", [NN]),
    duty(
        "Xây dựng và triển khai kế hoạch quan trắc",
        "phòng chống dịch bệnh trên thủy sản nuôi.",
        [NN],
    ),
    duty("Chủ trì, phối hợp với các sở,", "tại khu vực Cồn Ngang.", [VH], coord_generic=RDL),
    duty("Tham mưu Ủy ban nhân dân tỉnh phối hợp các bộ", "gắn với biển và hải đảo.", [VH]),
    duty(
        "Chỉ đạo, đôn đốc, hướng dẫn các cơ quan truyền thông",
        "tìm hiểu về vùng biển Đồng Tháp.",
        [VH],
    ),
    duty(
        "Chủ trì, phối hợp với các sở,",
        "phát triển bền vững kinh tế biển.",
        [CT],
        coord_generic=RDL,
    ),
    duty("Tiếp tục vận hành, khai thác các dự án điện gió", "công suất 100 MW.", [CT]),
    duty("Chủ trì, phối hợp với các sở,", "yêu cầu của Kế hoạch.", [XD], coord_generic=RDL),
    duty("Tham mưu Ủy ban nhân dân tỉnh phối hợp các bộ", "48/NQ-CP.", [XD]),
    duty("Tham mưu Ủy ban nhân dân tỉnh phối hợp các bộ", "phát triển du lịch bền vững.", [XD]),
    duty("Chủ trì, phối hợp với các sở,", "bảo vệ môi trường biển.", [KH], coord_generic=RDL),
    duty(
        "Chủ trì, phối hợp với các sở, ban, ngành",
        "nhãn hiệu cho các sản phẩm nuôi biển.",
        [KH],
        coord_generic=RDL,
    ),
    duty(
        "Chủ trì, phối hợp với các sở,",
        "thuộc phạm vi quản lý nhà nước được giao.",
        [TC],
        coord_generic=RDL,
    ),
    duty("Đẩy mạnh huy động nguồn vốn", "thân thiện với môi trường.", [TC]),
    duty("Tham mưu Ủy ban nhân dân tỉnh các dự án", "phục vụ cho xuất khẩu.", [TC]),
    duty("Chủ trì, phối hợp với các sở,", "tầm nhìn đến năm 2050.", [TC], coord_generic=RDL),
    duty("Căn cứ khả năng cân đối", "ngân sách nhà nước hiện hành.", [TC], coord=[NN]),
    duty(
        "Chủ trì, phối hợp với các sở,",
        "các xã có biển trên địa bàn tỉnh.",
        [NV],
        coord_generic=RDL,
    ),
    duty("Phối hợp với các sở,", "hải đảo theo quy định.", [NV], coord_generic=RDL),
    duty("Sở Giáo dục và Đào tạo", "phù hợp với thực tế.", ["Sở Giáo dục và Đào tạo"]),
    duty(
        "Thực hiện tốt nhiệm vụ quốc phòng",
        "sử dụng tài nguyên biển bền vững.",
        ["Bộ Chỉ huy Quân sự tỉnh"],
    ),
    duty(
        "Phối hợp với các cơ quan có liên quan tham gia",
        "xử lý các hành vi vi phạm theo thẩm quyền.",
        ["Bộ Chỉ huy Quân sự tỉnh"],
        coord_generic=["related_bodies"],
    ),
    duty("Công an tỉnh", "nhiệm vụ của Chiến lược.", ["Công an tỉnh"]),
    duty(
        "Ban Quản lý Khu kinh tế tỉnh",
        "thân thiện với môi trường.",
        ["Ban Quản lý Khu kinh tế tỉnh"],
        coord_generic=RDL,
    ),
    duty("Xây dựng kế hoạch cụ thể hóa", "kinh tế - xã hội của xã, tỉnh.", COMMUNES),
    duty(
        "Phối hợp với các đơn vị liên quan",
        "môi trường biển và hải đảo.",
        COMMUNES,
        coord_generic=["related_bodies"],
    ),
    duty("Chủ trì xây dựng, điều chỉnh, bố trí kinh phí", "quyền hạn của địa phương.", COMMUNES),
    duty(
        "Các sở, ngành có liên quan; Ủy ban nhân dân các xã, phường",
        "thích ứng với biến đổi khí hậu, nước biển dâng.",
        [],
        lead_generic=["related_departments", "communes"],
    ),
]
write(
    EVAL / "kh556-dongthap.json",
    "556/KH-UBND (Đồng Tháp, 2025), read by hand. III (Nhiệm vụ và giải pháp chủ yếu): every"
    " bullet, lettered point or '+' item is a task naming no agency (a bullet that only"
    " introduces '+' items is not a task; a numbered heading with its own paragraph and no"
    " points is one task). IV (Nhiệm vụ cụ thể): one numbered heading per department (Sở …,"
    " Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh, the committees of four named communes, the"
    " generic 'các sở, ngành có liên quan; UBND các xã, phường'), which leads every duty below"
    " it; a duty's 'phối hợp (với) …' names its coordinating bodies; 'Tham mưu UBND tỉnh phối"
    " hợp các bộ …' is the province's coordination, not the department's. V (Kinh phí) and VI"
    " (Tổ chức thực hiện) are the closing clauses: III and IV already assign.",
    section_iii + section_iv,
)
