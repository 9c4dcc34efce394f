"""Generated view graphs of a given size, shaped like the news graph (meetings with chairs and
participants, tenures, documents reviewed, places), for the browser tests and benchmarks."""

from __future__ import annotations

import random

from civickg.views.model import Office, Provenance, ViewClass, ViewEdge, ViewGraph, ViewNode
from civickg.views.style import style_for

_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
             "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
_MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Hoài", "Xuân"]
_GIVEN = ["Hiểu", "Hiếu", "Dũng", "Hùng", "Lan", "Mai", "Tâm", "Thắng", "Đông", "Phúc", "Sơn",
          "Bình", "Trung", "Nam", "Quân", "Hà", "Thủy", "Tuấn", "Khánh", "Long"]
_PROVINCES = ["Cần Thơ", "Hậu Giang", "An Giang", "Sóc Trăng", "Vĩnh Long", "Đồng Tháp",
              "Kiên Giang", "Bạc Liêu", "Cà Mau", "Trà Vinh", "Bến Tre", "Tiền Giang"]
_ORG_KINDS = [("PartyCommittee", "Thành ủy"), ("PeoplesCouncil", "Hội đồng nhân dân tỉnh"),
              ("PeoplesCommittee", "Ủy ban nhân dân tỉnh"), ("Department", "Sở Tài chính")]
_ROLES = ["Bí thư", "Phó Bí thư", "Chủ tịch", "Phó Chủ tịch", "Giám đốc", "Ủy viên"]
_MEETINGS = [("Conference", "Hội nghị"), ("CouncilSession", "Kỳ họp"),
             ("Congress", "Đại hội"), ("WorkingSession", "Buổi làm việc")]
CLASS_LABELS = {
    "Person": ("Cá nhân", "Person", "Person"),
    "Organization": ("Tổ chức", "Organization", "Organization"),
    "PartyCommittee": ("Cấp ủy Đảng", "Party committee", "Organization"),
    "PeoplesCouncil": ("Hội đồng nhân dân", "People's Council", "Organization"),
    "PeoplesCommittee": ("Ủy ban nhân dân", "People's Committee", "Organization"),
    "Department": ("Sở, ban", "Department or board", "Organization"),
    "Resolution": ("Nghị quyết", "Resolution", "Document"),
    "Conference": ("Hội nghị", "Conference", "Meeting"),
    "CouncilSession": ("Kỳ họp", "Council session", "Meeting"),
    "Congress": ("Đại hội", "Congress", "Meeting"),
    "WorkingSession": ("Buổi làm việc", "Working session", "Meeting"),
    "Province": ("Tỉnh, thành phố trực thuộc trung ương", "Province", "Place"),
}
EDGE_LABELS = {"chair": ("chủ trì", "chair"), "participant": ("người tham dự", "participant"),
               "organizer": ("đơn vị tổ chức", "organizer"), "reviews": ("xem xét văn bản", "reviews"),
               "area": ("địa bàn", "area"), "issuer": ("cơ quan ban hành", "issuer")}


def synthetic_graph(n_nodes: int, seed: int = 1) -> ViewGraph:
    """About ``n_nodes`` nodes (exactly, unless fewer than 40) and about twice as many edges."""
    rnd = random.Random(seed)
    g = ViewGraph(f"Sample graph, {n_nodes} nodes")
    for key, (vi, en, fam) in CLASS_LABELS.items():
        colour, shape = style_for(key, fam)
        g.classes[key] = ViewClass(key, vi, en, colour, shape, fam)
    n_places = max(2, n_nodes // 60)
    n_orgs = max(4, n_nodes // 8)
    n_docs = max(2, n_nodes // 10)
    n_meetings = max(4, n_nodes // 5)
    n_persons = max(1, n_nodes - n_places - n_orgs - n_docs - n_meetings)
    places = [g.add_node(ViewNode(f"urn:place:{i}", _PROVINCES[i % len(_PROVINCES)]
                                  + (f" {i // len(_PROVINCES)}" if i >= len(_PROVINCES) else ""),
                                  "Province")).id for i in range(n_places)]
    orgs = []
    for i in range(n_orgs):
        kind, stem = _ORG_KINDS[i % len(_ORG_KINDS)]
        place = places[i % n_places]
        node = g.add_node(ViewNode(f"urn:org:{i}", f"{stem} {g.nodes[place].label} ({i})", kind))
        orgs.append(node.id)
        g.add_edge(ViewEdge(node.id, place, *EDGE_LABELS["area"], kind="area"))
    persons = []
    for i in range(n_persons):
        name = f"{rnd.choice(_SURNAMES)} {rnd.choice(_MIDDLE)} {rnd.choice(_GIVEN)}"
        org = orgs[min(int(rnd.paretovariate(1.2)) - 1, n_orgs - 1) if i % 3 else rnd.randrange(n_orgs)]
        role = rnd.choice(_ROLES)
        start = f"{rnd.randint(2015, 2024)}-{rnd.randint(1, 12):02d}-01"
        node = g.add_node(ViewNode(
            f"urn:person:{i}", f"{name} {i}", "Person", canonical_name=f"{name} {i}",
            offices=[Office(role, g.nodes[org].label, start, None, "đương nhiệm")],
            provenance=[Provenance(f"Tin số {i}", start, f"https://example.org/tin/{i}",
                                   [f"{role} {name} phát biểu tại hội nghị"])],
            url=f"https://example.org/tin/{i}"))
        persons.append(node.id)
        g.add_edge(ViewEdge(node.id, org, role, role, start, None, kind="tenure"))
    docs = []
    for i in range(n_docs):
        date = f"{rnd.randint(2015, 2024)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        node = g.add_node(ViewNode(f"urn:doc:{i}", f"Nghị quyết {i:02d}-NQ/TU", "Resolution",
                                   start=date))
        docs.append(node.id)
        g.add_edge(ViewEdge(node.id, rnd.choice(orgs), *EDGE_LABELS["issuer"], kind="issuer"))
    for i in range(n_meetings):
        kind, stem = rnd.choice(_MEETINGS)
        date = f"{rnd.randint(2015, 2024)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        node = g.add_node(ViewNode(f"urn:meeting:{i}", f"{stem} {i}", kind, start=date, end=date))
        g.add_edge(ViewEdge(node.id, rnd.choice(orgs), *EDGE_LABELS["organizer"], date, date,
                            kind="organizer"))
        chair = rnd.choice(persons)
        g.add_edge(ViewEdge(node.id, chair, *EDGE_LABELS["chair"], date, date, kind="chair"))
        if rnd.random() < 0.4:
            g.add_edge(ViewEdge(node.id, rnd.choice(docs), *EDGE_LABELS["reviews"], date, date,
                                kind="reviews"))
        for p in {rnd.choice(persons) for _ in range(rnd.randint(1, 4))} - {chair}:
            g.add_edge(ViewEdge(node.id, p, *EDGE_LABELS["participant"], date, date,
                                kind="participant"))
    return g
