/** Vietnamese strings for the assessment assistant, /assistant (merged in index.ts). */
export const viAssistant = {
  "assistant.title": "Trợ lý đánh giá",
  "assistant.intro":
    "Nhận định khách quan rút ra từ số liệu nhiệm vụ, gia hạn và chỉ tiêu của phạm vi được chọn. Trợ lý tính theo các quy tắc cố định nêu ở cuối trang, không dùng dịch vụ trí tuệ nhân tạo bên ngoài; mỗi nhận định đều nêu số liệu, lý do và các nhiệm vụ liên quan.",
  "assistant.asOf": "Số liệu tính đến hết ngày {date}.",

  "assistant.picker.label": "Phạm vi đánh giá",
  "assistant.picker.submit": "Xem đánh giá",
  "assistant.picker.city": "Toàn thành phố",
  "assistant.picker.programs": "Chương trình",
  "assistant.picker.units": "Đơn vị (gồm cả đơn vị cấp dưới)",

  "assistant.scope.city": "toàn thành phố",
  "assistant.scope.program": "chương trình {name}",
  "assistant.heading.city": "Toàn thành phố",
  "assistant.heading.program": "Chương trình {name}",
  "assistant.heading.unit": "{name} và các đơn vị cấp dưới",

  "assistant.summary.heading": "Số liệu chính",
  "assistant.summary.total": "Nhiệm vụ đã giao",
  "assistant.summary.overdue": "Đang quá hạn",
  "assistant.summary.share": "Tỷ lệ quá hạn",
  "assistant.summary.city": "Bình quân thành phố",
  "assistant.summary.previous": "Kỳ trước (chốt {date})",
  "assistant.summary.overdueWord": "nhiệm vụ quá hạn",
  "assistant.summary.previousNone": "chưa có số liệu",

  "assistant.findings.heading": "Nhận định",
  "assistant.findings.sorted": "{count} nhận định, xếp theo trọng số (quan trọng nhất trước).",
  "assistant.severity.high": "Mức độ cao",
  "assistant.severity.medium": "Mức độ trung bình",
  "assistant.severity.low": "Mức độ thấp",
  "assistant.tone.positive": "Tích cực",
  "assistant.tone.neutral": "Thông tin",
  "assistant.card.numbers": "Số liệu",
  "assistant.card.weight": "Trọng số {weight}",
  "assistant.card.tasks": "Nhiệm vụ liên quan",
  "assistant.card.seeAll": "Xem tất cả {count} nhiệm vụ",
  "assistant.card.showFewer": "Thu gọn danh sách",
  "assistant.card.taskList": "Xem danh sách trên trang Nhiệm vụ",
  "assistant.card.goal": "Xem mục tiêu",
  "assistant.card.unitOf": "Chủ trì: {unit}",

  "assistant.units.caption": "Các đơn vị có tỷ lệ quá hạn cao hơn mức chung",
  "assistant.units.of": "trên",
  "assistant.units.tail": "nhiệm vụ quá hạn ({share}), cao hơn mức chung {gap} điểm phần trăm",
  "assistant.units.assess": "Đánh giá đơn vị này",
  "assistant.unit.points": "{value} điểm phần trăm",
  "assistant.unit.days": "{value} ngày",
  "assistant.unit.percentagePoints": "điểm phần trăm",

  "assistant.method.heading": "Cách trợ lý đánh giá",
  "assistant.method.cityGap":
    "So với bình quân thành phố (với một đơn vị hoặc chương trình): nêu khi tỷ lệ quá hạn chênh từ {gap} điểm phần trăm trở lên; mức độ cao khi cao hơn từ {gapHigh} điểm.",
  "assistant.method.period":
    "So với kỳ trước (ngày chốt 25 gần nhất, tính lại đúng như tại ngày đó): nêu khi tỷ lệ quá hạn tăng hoặc giảm từ {change} điểm phần trăm trở lên; mức độ cao khi tăng từ {changeHigh} điểm.",
  "assistant.method.atRisk":
    "Nguy cơ trễ hạn: nhiệm vụ còn trong hạn đã qua ít nhất {elapsed} thời gian thực hiện (tính từ ngày bắt đầu, hoặc ngày giao, đến thời hạn) mà tiến độ thấp hơn phần thời gian đã qua từ {gap} điểm phần trăm trở lên.",
  "assistant.method.stale":
    "Lâu không cập nhật: nhiệm vụ chưa hoàn thành có lần cập nhật tiến độ gần nhất (hoặc ngày giao) cách hôm nay hơn {days} ngày.",
  "assistant.method.extensions":
    "Gia hạn nhiều lần: đơn vị có từ {unit} lần gia hạn được chấp thuận trong {months} tháng qua; nhiệm vụ chưa hoàn thành đã gia hạn từ {task} lần trở lên.",
  "assistant.method.units":
    "Đơn vị cấp dưới (với toàn thành phố hoặc một đơn vị có đơn vị trực thuộc): nêu đơn vị có từ {minTasks} nhiệm vụ trở lên mà tỷ lệ quá hạn cao hơn mức chung từ {gap} điểm phần trăm trở lên; mức độ cao từ {gapHigh} điểm.",
  "assistant.method.oldest": "Quá hạn lâu nhất: {count} nhiệm vụ quá hạn nhiều ngày nhất.",
  "assistant.method.goals":
    "Mục tiêu: đường xu hướng tuyến tính (bình phương tối thiểu) qua các lần đo chỉ số, kéo dài đến ngày đến hạn; nêu khi giá trị dự kiến không đạt chỉ tiêu.",
  "assistant.method.weight":
    "Trọng số = mức độ (cao 3, trung bình 2, thấp 1) × (1 + log₂(1 + số nhiệm vụ liên quan; với mục tiêu là số nhiệm vụ chưa hoàn thành của phạm vi phục vụ mục tiêu)) × (1 + độ lệch so với ngưỡng, từ 0 đến 1). Nhận định tích cực không tính số nhiệm vụ.",
  "assistant.error.notFound": "Không tìm thấy đơn vị hoặc chương trình này.",

  // Findings: the sentence…
  "assistant.msg.overdueAboveCity":
    "Tỷ lệ nhiệm vụ quá hạn của {scope} là {share}, cao hơn bình quân toàn thành phố ({city}) {gap} điểm phần trăm.",
  "assistant.msg.overdueBelowCity":
    "Tỷ lệ nhiệm vụ quá hạn của {scope} là {share}, thấp hơn bình quân toàn thành phố ({city}) {gap} điểm phần trăm.",
  "assistant.msg.overdueRose": "Tỷ lệ nhiệm vụ quá hạn của {scope} tăng từ {previous} (kỳ báo cáo chốt ngày {periodEnd}) lên {share}.",
  "assistant.msg.overdueFell": "Tỷ lệ nhiệm vụ quá hạn của {scope} giảm từ {previous} (kỳ báo cáo chốt ngày {periodEnd}) xuống {share}.",
  "assistant.msg.unitsAboveAverage":
    "{n} đơn vị có tỷ lệ nhiệm vụ quá hạn cao hơn mức chung của {scope} ({average}) từ {threshold} điểm phần trăm trở lên; cao nhất là {unit} với {share}.",
  "assistant.msg.unitsAboveAverage.one":
    "1 đơn vị có tỷ lệ nhiệm vụ quá hạn cao hơn mức chung của {scope} ({average}) từ {threshold} điểm phần trăm trở lên: {unit} với {share}.",
  "assistant.msg.atRisk": "{n} nhiệm vụ có nguy cơ không hoàn thành đúng hạn: tiến độ chậm xa so với thời gian đã trôi qua.",
  "assistant.msg.atRisk.one": "1 nhiệm vụ có nguy cơ không hoàn thành đúng hạn: tiến độ chậm xa so với thời gian đã trôi qua.",
  "assistant.msg.stale": "{n} nhiệm vụ chưa hoàn thành không được cập nhật tiến độ quá {days} ngày.",
  "assistant.msg.stale.one": "1 nhiệm vụ chưa hoàn thành không được cập nhật tiến độ quá {days} ngày.",
  "assistant.msg.oldestOverdue": "{n} nhiệm vụ đang quá hạn; lâu nhất là “{title}”, đã quá hạn {maxDays} ngày.",
  "assistant.msg.oldestOverdue.one": "1 nhiệm vụ đang quá hạn: “{title}”, đã quá hạn {maxDays} ngày.",
  "assistant.msg.unitExtensions": "{unit} đã được chấp thuận gia hạn {count} lần trong {months} tháng qua, cho {tasks} nhiệm vụ.",
  "assistant.msg.repeatedExtensions": "{n} nhiệm vụ chưa hoàn thành đã phải gia hạn từ {threshold} lần trở lên.",
  "assistant.msg.repeatedExtensions.one": "1 nhiệm vụ chưa hoàn thành đã phải gia hạn từ {threshold} lần trở lên.",
  "assistant.msg.goalBelowTarget":
    "Mục tiêu “{goal}” có nguy cơ không đạt: theo xu hướng hiện nay, chỉ số dự kiến chỉ đạt {projected} vào ngày {due}, thấp hơn chỉ tiêu {target}.",
  "assistant.msg.goalAboveTarget":
    "Mục tiêu “{goal}” có nguy cơ không đạt: theo xu hướng hiện nay, chỉ số dự kiến vẫn ở mức {projected} vào ngày {due}, chưa về được chỉ tiêu {target}.",
  "assistant.msg.goalPastDue":
    "Mục tiêu “{goal}” đã quá hạn ({due}) mà chưa đạt chỉ tiêu: lần đo gần nhất ({asOf}) đạt {latest}, chỉ tiêu là {target}.",
  "assistant.msg.allClear": "Chưa phát hiện vấn đề đáng lưu ý trong phạm vi {scope} ({total} nhiệm vụ đã giao).",
  "assistant.msg.noTasks": "Chưa có nhiệm vụ nào được giao trong phạm vi {scope}, nên chưa có số liệu để đánh giá.",

  // …and why it was raised.
  "assistant.why.overdueAboveCity":
    "Vì {overdue} trên {total} nhiệm vụ của {scope} đang quá hạn; mức chênh so với bình quân thành phố từ {threshold} điểm phần trăm trở lên là đáng lưu ý.",
  "assistant.why.overdueBelowCity":
    "Vì chỉ {overdue} trên {total} nhiệm vụ của {scope} đang quá hạn, thấp hơn bình quân thành phố từ {threshold} điểm phần trăm trở lên: kết quả tích cực, cần duy trì.",
  "assistant.why.overdueRose":
    "Vì tỷ lệ quá hạn tăng {change} điểm phần trăm so với kỳ chốt ngày {periodEnd}; mức tăng từ {threshold} điểm phần trăm trở lên là đáng lưu ý.",
  "assistant.why.overdueFell":
    "Vì tỷ lệ quá hạn giảm {change} điểm phần trăm so với kỳ chốt ngày {periodEnd} (từ {threshold} điểm phần trăm trở lên): chuyển biến tích cực.",
  "assistant.why.unitsAboveAverage":
    "Vì mỗi đơn vị (tính cả các đơn vị cấp dưới, chỉ xét đơn vị có từ {minTasks} nhiệm vụ trở lên) được so với mức chung của cả phạm vi; chênh từ {threshold} điểm phần trăm trở lên là đáng lưu ý.",
  "assistant.why.atRisk":
    "Vì mỗi nhiệm vụ này đã qua ít nhất {minElapsed} thời gian thực hiện mà tiến độ vẫn thấp hơn phần thời gian đã qua từ {gap} điểm phần trăm trở lên; chậm nhất là “{title}”: mới đạt {progress} khi đã qua {elapsed} thời gian.",
  "assistant.why.atRisk.one":
    "Vì nhiệm vụ “{title}” đã qua {elapsed} thời gian thực hiện mà mới đạt {progress}: tiến độ thấp hơn phần thời gian đã qua từ {gap} điểm phần trăm trở lên, khi đã qua ít nhất {minElapsed} thời gian.",
  "assistant.why.stale":
    "Vì lần cập nhật tiến độ gần nhất (hoặc ngày giao, nếu chưa cập nhật lần nào) đã cách hôm nay hơn {days} ngày; lâu nhất là “{title}”: {maxDays} ngày.",
  "assistant.why.stale.one":
    "Vì lần cập nhật tiến độ gần nhất (hoặc ngày giao, nếu chưa cập nhật lần nào) của “{title}” đã cách hôm nay {maxDays} ngày, quá ngưỡng {days} ngày.",
  "assistant.why.oldestOverdue":
    "Vì các nhiệm vụ này đã quá thời hạn mà chưa hoàn thành; dưới đây là {shown} nhiệm vụ quá hạn lâu nhất, xếp theo số ngày quá hạn.",
  "assistant.why.oldestOverdue.one": "Vì nhiệm vụ này đã quá thời hạn mà chưa hoàn thành.",
  "assistant.why.oldestOverdueOld":
    "Vì các nhiệm vụ này đã quá thời hạn mà chưa hoàn thành, trong đó {over120} nhiệm vụ quá hạn trên 120 ngày (nhóm lâu nhất trong báo cáo); dưới đây là {shown} nhiệm vụ quá hạn lâu nhất.",
  "assistant.why.oldestOverdueOld.one": "Vì nhiệm vụ này đã quá thời hạn hơn 120 ngày (nhóm lâu nhất trong báo cáo) mà chưa hoàn thành.",
  "assistant.why.unitExtensions":
    "Vì đơn vị có từ {threshold} lần gia hạn được chấp thuận trở lên trong {months} tháng (tính từ ngày {since}): dấu hiệu cần rà soát lại kế hoạch và thời hạn thực hiện.",
  "assistant.why.repeatedExtensions":
    "Vì thời hạn đã được lùi từ {threshold} lần trở lên mà nhiệm vụ vẫn chưa hoàn thành; nhiều nhất là “{title}”: {max} lần.",
  "assistant.why.repeatedExtensions.one":
    "Vì thời hạn của “{title}” đã được lùi {max} lần (ngưỡng: từ {threshold} lần) mà nhiệm vụ vẫn chưa hoàn thành.",
  "assistant.why.goalTrend":
    "Vì đường xu hướng tuyến tính (bình phương tối thiểu) qua {readings} lần đo “{indicator}” từ {from} đến {to} cho thấy mức thay đổi bình quân {perMonth} mỗi tháng, trong khi cần {needed} mỗi tháng để đạt chỉ tiêu đúng hạn.",
  "assistant.why.goalPastDue": "Vì đã qua ngày đến hạn của mục tiêu mà giá trị đo gần nhất của “{indicator}” vẫn chưa đạt chỉ tiêu.",
  "assistant.why.allClear":
    "Vì không tiêu chí nào chạm ngưỡng: không có nhiệm vụ quá hạn, có nguy cơ trễ hạn, lâu không cập nhật hay phải gia hạn nhiều lần, và các mục tiêu đều có xu hướng đạt chỉ tiêu.",
  "assistant.why.noTasks": "Vì trợ lý chỉ đánh giá các nhiệm vụ đã giao; bản nháp và nhiệm vụ đã hủy không được tính.",

  // One line per task in a finding.
  "assistant.task.atRisk": "Tiến độ {progress}, đã qua {elapsed} thời gian · hạn {deadline}",
  "assistant.task.stale": "Cập nhật lần cuối ngày {date} ({days} ngày trước)",
  "assistant.task.staleNever": "Chưa cập nhật lần nào kể từ khi giao ngày {date} ({days} ngày trước)",
  "assistant.task.overdue": "Quá hạn {days} ngày (thời hạn {deadline})",
  "assistant.task.extensionsInWindow": "Gia hạn {count} lần trong {months} tháng qua",
  "assistant.task.extended": "Gia hạn {count} lần: thời hạn ban đầu {original}, hiện nay {deadline}",
  "assistant.task.extendedPlain": "Gia hạn {count} lần",

  // Labels of the numbers on a finding.
  "assistant.num.overdue": "Nhiệm vụ quá hạn",
  "assistant.num.total": "Nhiệm vụ đã giao",
  "assistant.num.shareOverdue": "Tỷ lệ quá hạn",
  "assistant.num.cityShareOverdue": "Bình quân thành phố",
  "assistant.num.gap": "Chênh lệch",
  "assistant.num.overdueNow": "Quá hạn hiện nay",
  "assistant.num.overdueThen": "Quá hạn tại kỳ trước",
  "assistant.num.shareOverdueThen": "Tỷ lệ quá hạn kỳ trước",
  "assistant.num.unitsAbove": "Đơn vị vượt ngưỡng",
  "assistant.num.scopeShareOverdue": "Mức chung",
  "assistant.num.maxGap": "Chênh lệch lớn nhất",
  "assistant.num.atRisk": "Có nguy cơ trễ hạn",
  "assistant.num.meanGap": "Mức chậm bình quân",
  "assistant.num.stale": "Lâu không cập nhật",
  "assistant.num.longestSilence": "Lâu nhất không cập nhật",
  "assistant.num.overdue120": "Quá hạn trên 120 ngày",
  "assistant.num.maxDaysOverdue": "Quá hạn lâu nhất",
  "assistant.num.extensions": "Lần gia hạn được chấp thuận",
  "assistant.num.extendedTasks": "Nhiệm vụ được gia hạn",
  "assistant.num.repeatedTasks": "Nhiệm vụ gia hạn nhiều lần",
  "assistant.num.maxExtensions": "Số lần gia hạn nhiều nhất",
  "assistant.num.latestReading": "Lần đo gần nhất",
  "assistant.num.projected": "Dự kiến khi đến hạn",
  "assistant.num.target": "Chỉ tiêu",
  "assistant.num.goalTasks": "Nhiệm vụ phục vụ mục tiêu",
  "assistant.num.goalOverdueTasks": "Trong đó quá hạn",
};
