"""The detection figures on a problem page read in Chinese: labels, percentages, nested figures."""

from wicket.problems.detection import rows


def test_queue_figures_are_labelled_and_shares_are_percentages():
    data = {"message": "等候超时", "evidence": {
        "hall": "县政务服务中心", "service_level": 0.7111, "service_level_goal": 0.8, "called": 3686,
        "wait_minutes": {"count": 3686, "mean": 21.46, "p50": 11.98, "p90": 61.92, "max": 180.0}}}
    shown = {r.label: r.value for r in rows(data)}
    assert shown["服务水平"] == "71.1%" and shown["服务水平目标"] == "80.0%" and shown["叫号数"] == "3686"
    assert shown["等候时长（分钟）"] == "数量：3686；平均：21.46；中位数：11.98；90%分位：61.92；最大：180"


def test_proof_figures_are_labelled():
    data = {"message": "可通过数据共享替代", "evidence": {
        "proof": "P27", "issuer": "县教育局", "shared_source": "电子证照库", "blocked_items": ["S04", "S05"]}}
    shown = {r.label: r.value for r in rows(data)}
    assert shown == {"证明编号": "P27", "开具单位": "县教育局", "共享数据来源": "电子证照库", "无法办结的事项": "S04、S05"}


def test_shares_are_rounded_down_like_the_detectors_messages():
    # 571 of 1651 calls answered: the message says 34.5%, and so must the figures beside it
    data = {"message": "接通率 34.5%，低于 95.0% 的要求", "evidence": {"answer_rate": 571 / 1651, "min_answer_rate": 0.95}}
    shown = {r.label: r.value for r in rows(data)}
    assert shown == {"接通率": "34.5%", "接通率要求": "95.0%"}


def test_the_problem_page_names_the_detector_in_chinese(county, client_for):
    from wicket.problems.intake import findings_intake
    from wicket.problems.models import Problem

    class F:
        kind, checklist, subject, message = "low_answer_rate", "1.3", "x", "咨询电话接通率低"
        fingerprint = "calls-test-1"

        def to_dict(self):
            return {"message": self.message, "evidence": {"answer_rate": 0.5}}

    findings_intake(findings=[F()], detector="calls", scope=f"halldata:unit:{county.unit.pk}",
                    resolve_unit=lambda _s: county.unit, by=county.center_staff)
    problem = Problem.objects.get()
    page = client_for(county.liaison).get(f"/problems/{problem.pk}/").content.decode()
    assert "检测来源" in page and "咨询电话数据分析" in page
    assert "halldata:unit:" not in page
    assert problem.events.get().note == "数据检测：咨询电话数据分析"


def test_a_guide_finding_says_which_guide_it_is_about():
    data = {"message": "申请材料“其他相关材料”是兜底条款", "code": "330100-01", "name": "残疾人证办理",
            "source": "县政府网站", "evidence": {"context": "其他相关材料", "start": 0, "end": 6}}
    shown = [(r.label, r.value) for r in rows(data)]
    assert shown == [("事项编码", "330100-01"), ("办事指南", "残疾人证办理"), ("发布来源", "县政府网站"),
                     ("原文", "其他相关材料")]
