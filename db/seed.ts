/**
 * Demo data only: a Hà Nội-like committee with departments, wards and communes, their divisions, and
 * users in every role; the merged programme's goals with indicator readings; and about 300 tasks
 * with their progress, evidence, extensions, cascades and history, dated relative to `now` so that
 * every standing (on track, due soon, overdue in each age band, done on time, done late) is present.
 * Reference data (roles, programs) lives in the migrations.
 * Refuses to run over existing data unless `reset` is set.
 */
import { hash } from "@node-rs/argon2";
import { sql, type InsertObject, type Kysely, type Transaction } from "kysely";
import * as clock from "../app/clock.server";
import { addDays, daysBetween } from "../app/domain/dates";
import { isPostgres } from "./migration-kit";
import type { Database } from "./schema";
import { mulberry32 } from "./seeded-random";

export const DEMO_PASSWORD = "roviec-demo-2026";

type Kind = "city" | "department" | "ward" | "commune" | "division";
interface UnitSeed {
  code: string;
  name: string;
  kind: Kind;
  parent?: string;
}

const DEPARTMENTS: Array<[string, string]> = [
  ["VP-UBND", "Văn phòng UBND thành phố"],
  ["CA-TP", "Công an thành phố"],
  ["SKHCN", "Sở Khoa học và Công nghệ"],
  ["SNV", "Sở Nội vụ"],
  ["SYT", "Sở Y tế"],
  ["STP", "Sở Tư pháp"],
  ["STC", "Sở Tài chính"],
  ["TTPVHCC", "Trung tâm Phục vụ hành chính công"],
  ["SGDDT", "Sở Giáo dục và Đào tạo"],
  ["SXD", "Sở Xây dựng"],
  ["SNNMT", "Sở Nông nghiệp và Môi trường"],
  ["SCT", "Sở Công Thương"],
  ["SVHTT", "Sở Văn hóa và Thể thao"],
  ["SDL", "Sở Du lịch"],
  ["SQHKT", "Sở Quy hoạch - Kiến trúc"],
  ["SDTG", "Sở Dân tộc và Tôn giáo"],
  ["TTRA", "Thanh tra thành phố"],
  ["BHXH", "Bảo hiểm xã hội thành phố"],
  ["CTHUE", "Thuế thành phố"],
  ["BQL-KCN", "Ban Quản lý các khu công nghiệp và chế xuất"],
];

const WARDS: Array<[string, string, "ward" | "commune"]> = [
  ["P-HOANKIEM", "Phường Hoàn Kiếm", "ward"],
  ["P-BADINH", "Phường Ba Đình", "ward"],
  ["P-DONGDA", "Phường Đống Đa", "ward"],
  ["P-CAUGIAY", "Phường Cầu Giấy", "ward"],
  ["P-HADONG", "Phường Hà Đông", "ward"],
  ["P-LONGBIEN", "Phường Long Biên", "ward"],
  ["P-TAYHO", "Phường Tây Hồ", "ward"],
  ["X-SOCSON", "Xã Sóc Sơn", "commune"],
  ["X-BATTRANG", "Xã Bát Tràng", "commune"],
  ["X-THACHTHAT", "Xã Thạch Thất", "commune"],
];

function units(): UnitSeed[] {
  const list: UnitSeed[] = [{ code: "HN", name: "Thành phố Hà Nội", kind: "city" }];
  for (const [code, name] of DEPARTMENTS) list.push({ code, name, kind: "department", parent: "HN" });
  for (const [code, name, kind] of WARDS) list.push({ code, name, kind, parent: "HN" });
  // Divisions where the demo needs "unit and the units below it".
  list.push(
    { code: "VP-UBND-KSTTHC", name: "Phòng Kiểm soát thủ tục hành chính", kind: "division", parent: "VP-UBND" },
    { code: "CA-TP-PC06", name: "Phòng Cảnh sát quản lý hành chính về trật tự xã hội (PC06)", kind: "division", parent: "CA-TP" },
    { code: "SKHCN-CDS", name: "Phòng Chuyển đổi số", kind: "division", parent: "SKHCN" },
    { code: "SKHCN-TTDL", name: "Trung tâm Dữ liệu chính thành phố", kind: "division", parent: "SKHCN" },
    { code: "SYT-NVY", name: "Phòng Nghiệp vụ Y", kind: "division", parent: "SYT" },
    { code: "STP-HCTP", name: "Phòng Hành chính tư pháp", kind: "division", parent: "STP" },
    { code: "SNV-CCHC", name: "Phòng Cải cách hành chính", kind: "division", parent: "SNV" },
  );
  for (const [code, name] of WARDS) {
    list.push({ code: `${code}-VHXH`, name: `Phòng Văn hóa - Xã hội (${name})`, kind: "division", parent: code });
    list.push({ code: `${code}-KT`, name: `Phòng Kinh tế (${name})`, kind: "division", parent: code });
  }
  return list;
}

export interface DemoUser {
  email: string;
  fullName: string;
  role: "admin" | "committee" | "head" | "staff";
  unit: string;
  language?: "vi" | "en";
}

export const DEMO_USERS: DemoUser[] = [
  { email: "admin@roviec.demo", fullName: "Nguyễn Thị Thu Hà", role: "admin", unit: "VP-UBND" },
  { email: "thuky@roviec.demo", fullName: "Phạm Quang Minh", role: "admin", unit: "VP-UBND-KSTTHC" },
  { email: "bcd.pho@roviec.demo", fullName: "Hà Minh Hải", role: "committee", unit: "HN" },
  { email: "bcd.thanhvien@roviec.demo", fullName: "Trần Đức Long", role: "committee", unit: "HN" },
  { email: "gd.skhcn@roviec.demo", fullName: "Lê Văn Cường", role: "head", unit: "SKHCN" },
  { email: "gd.syt@roviec.demo", fullName: "Đỗ Thị Lan Anh", role: "head", unit: "SYT" },
  { email: "gd.stp@roviec.demo", fullName: "Vũ Hoàng Nam", role: "head", unit: "STP" },
  { email: "gd.snv@roviec.demo", fullName: "Bùi Thị Hồng Nhung", role: "head", unit: "SNV" },
  { email: "pgd.ca@roviec.demo", fullName: "Đặng Quốc Tuấn", role: "head", unit: "CA-TP" },
  { email: "gd.ttpvhcc@roviec.demo", fullName: "Ngô Thị Phương", role: "head", unit: "TTPVHCC" },
  { email: "ct.hoankiem@roviec.demo", fullName: "Hoàng Thị Mai", role: "head", unit: "P-HOANKIEM" },
  { email: "ct.badinh@roviec.demo", fullName: "Phan Văn Dũng", role: "head", unit: "P-BADINH" },
  { email: "ct.dongda@roviec.demo", fullName: "Trịnh Thị Ngọc", role: "head", unit: "P-DONGDA" },
  { email: "ct.caugiay@roviec.demo", fullName: "Lý Minh Khôi", role: "head", unit: "P-CAUGIAY" },
  { email: "ct.socson@roviec.demo", fullName: "Nguyễn Văn Thắng", role: "head", unit: "X-SOCSON" },
  { email: "tp.cds@roviec.demo", fullName: "Trương Thị Yến", role: "head", unit: "SKHCN-CDS" },
  { email: "cv.cds@roviec.demo", fullName: "Đinh Công Sơn", role: "staff", unit: "SKHCN-CDS", language: "en" },
  { email: "cv.ttdl@roviec.demo", fullName: "Mai Thị Hương", role: "staff", unit: "SKHCN-TTDL" },
  { email: "cv.syt@roviec.demo", fullName: "Lương Văn Hiếu", role: "staff", unit: "SYT-NVY" },
  { email: "cv.stp@roviec.demo", fullName: "Tạ Thị Thanh Xuân", role: "staff", unit: "STP-HCTP" },
  { email: "cv.pc06@roviec.demo", fullName: "Kiều Văn Phúc", role: "staff", unit: "CA-TP-PC06" },
  { email: "cv.snv@roviec.demo", fullName: "Hồ Thị Kim Oanh", role: "staff", unit: "SNV-CCHC" },
  { email: "cv.hoankiem@roviec.demo", fullName: "Chu Văn An", role: "staff", unit: "P-HOANKIEM-VHXH" },
  { email: "cv.badinh@roviec.demo", fullName: "Dương Thị Thảo", role: "staff", unit: "P-BADINH-VHXH" },
  { email: "cv.dongda@roviec.demo", fullName: "Quách Minh Tâm", role: "staff", unit: "P-DONGDA-KT" },
  { email: "cv.ttpvhcc@roviec.demo", fullName: "Lã Thị Bích", role: "staff", unit: "TTPVHCC" },
];

/** Folding identical to app/domain/text.ts (kept here so the seed imports no app code). */
function fold(value: string) {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

// =============================================================================================
// Demo plan: goals, tasks and their history. Everything below is generated from `now` with a seeded
// PRNG, so the same `now` always gives the same database and any `now` gives every standing.

type Program = "CCHC" | "CDS" | "DA06";
type Priority = "low" | "normal" | "high" | "urgent";
type GoalKey = "dvc" | "dti" | "vneid" | "hssk" | "lltp" | "5g" | "parking" | "ihanoi" | "ttdl" | "tingia" | "sohoa" | "hotich" | "trolyao";

interface GoalSeed {
  key: GoalKey;
  program: Program;
  lead: string;
  title: string;
  description: string;
  indicator: string;
  unit: string;
  baseline: number;
  target: number;
  /** Due at the end of the month this many months after today's. */
  dueMonths: number;
  /** [months before today's month, value], read on the 25th (the reporting cut-off). */
  readings: Array<[number, number]>;
}

/** Targets of the merged programme. dvc, dti, vneid, lltp, 5g, ttdl, sohoa, hotich, trolyao trend to their target; hssk, parking, ihanoi clearly do not. */
const GOALS: GoalSeed[] = [
  {
    key: "dvc",
    program: "CCHC",
    lead: "SNV",
    title: "100% thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình",
    description: "Người dân, doanh nghiệp nộp hồ sơ, thanh toán và nhận kết quả hoàn toàn trên môi trường mạng.",
    indicator: "Tỷ lệ thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình",
    unit: "%",
    baseline: 72,
    target: 100,
    dueMonths: 6,
    readings: [
      [4, 80],
      [3, 85],
      [2, 89],
      [1, 93],
    ],
  },
  {
    key: "dti",
    program: "CDS",
    lead: "SKHCN",
    title: "Chỉ số chuyển đổi số cấp tỉnh (DTI) tăng ít nhất 5 bậc",
    description: "Tiếp nối kết quả DTI tăng 19 bậc; tập trung các chỉ số thành phần còn điểm thấp.",
    indicator: "Điểm tự đánh giá Chỉ số DTI",
    unit: "điểm",
    baseline: 0.62,
    target: 0.75,
    dueMonths: 8,
    readings: [
      [3, 0.66],
      [2, 0.69],
      [1, 0.71],
    ],
  },
  {
    key: "vneid",
    program: "DA06",
    lead: "CA-TP",
    title: "100% người dân đủ điều kiện được cấp tài khoản định danh điện tử mức 2",
    description: "Cấp, kích hoạt tài khoản VNeID mức 2 cho công dân từ đủ 14 tuổi trên địa bàn.",
    indicator: "Tỷ lệ người dân đủ điều kiện đã được cấp tài khoản định danh điện tử mức 2",
    unit: "%",
    baseline: 70,
    target: 100,
    dueMonths: 5,
    readings: [
      [3, 86],
      [2, 90],
      [1, 94],
    ],
  },
  {
    key: "hssk",
    program: "DA06",
    lead: "SYT",
    title: "Hồ sơ sức khỏe điện tử cho 95% người dân",
    description: "Lập, cập nhật Hồ sơ sức khỏe điện tử và tích hợp lên ứng dụng VNeID.",
    indicator: "Tỷ lệ người dân có Hồ sơ sức khỏe điện tử",
    unit: "%",
    baseline: 30,
    target: 95,
    dueMonths: 4,
    readings: [
      [3, 41],
      [2, 44],
      [1, 47],
    ],
  },
  {
    key: "lltp",
    program: "DA06",
    lead: "STP",
    title: "Cấp phiếu lý lịch tư pháp trên VNeID: 80% yêu cầu được tiếp nhận trực tuyến",
    description: "Người dân đề nghị cấp phiếu lý lịch tư pháp trên VNeID, không phải đến cơ quan tư pháp.",
    indicator: "Tỷ lệ yêu cầu cấp phiếu lý lịch tư pháp nộp qua VNeID",
    unit: "%",
    baseline: 25,
    target: 80,
    dueMonths: 6,
    readings: [
      [4, 52],
      [3, 58],
      [2, 64],
      [1, 70],
    ],
  },
  {
    key: "5g",
    program: "CDS",
    lead: "SKHCN",
    title: "Phát triển hạ tầng 5G: 3.000 trạm BTS 5G trên địa bàn",
    description: "Phối hợp các doanh nghiệp viễn thông phủ sóng 5G khu vực trung tâm, khu công nghiệp, bệnh viện, trường học.",
    indicator: "Số trạm BTS 5G đang hoạt động",
    unit: "trạm",
    baseline: 1500,
    target: 3000,
    dueMonths: 3,
    readings: [
      [3, 2620],
      [2, 2760],
      [1, 2890],
    ],
  },
  {
    key: "parking",
    program: "CDS",
    lead: "SXD",
    title: "100% điểm trông giữ xe công cộng được tìm kiếm, thanh toán không dùng tiền mặt qua ứng dụng",
    description: "Ứng dụng tìm kiếm và thanh toán bãi đỗ xe không dùng tiền mặt phủ toàn bộ điểm trông giữ xe công cộng.",
    indicator: "Tỷ lệ điểm trông giữ xe công cộng kết nối ứng dụng",
    unit: "%",
    baseline: 10,
    target: 100,
    dueMonths: 3,
    readings: [
      [3, 18],
      [2, 21],
      [1, 23],
    ],
  },
  {
    key: "ihanoi",
    program: "CDS",
    lead: "SKHCN",
    title: "3 triệu người dân sử dụng ứng dụng Công dân Thủ đô số – iHanoi",
    description: "iHanoi là cầu nối giữa chính quyền và người dân Thủ đô, lắng nghe người dân “mọi lúc, mọi nơi”.",
    indicator: "Số tài khoản iHanoi đã kích hoạt",
    unit: "tài khoản",
    baseline: 1_000_000,
    target: 3_000_000,
    dueMonths: 4,
    readings: [
      [4, 1_850_000],
      [3, 1_930_000],
      [2, 1_990_000],
      [1, 2_040_000],
    ],
  },
  {
    key: "ttdl",
    program: "CDS",
    lead: "SKHCN",
    title: "Trung tâm dữ liệu chính của thành phố vận hành chính thức, 100% hệ thống dùng chung được chuyển lên",
    description: "Cấu phần quan trọng của hạ tầng số, bảo đảm an ninh, an toàn cho chính quyền số, kinh tế số, xã hội số.",
    indicator: "Tỷ lệ hệ thống thông tin dùng chung đã chuyển lên Trung tâm dữ liệu chính",
    unit: "%",
    baseline: 20,
    target: 100,
    dueMonths: 7,
    readings: [
      [3, 52],
      [2, 63],
      [1, 74],
    ],
  },
  {
    key: "tingia",
    program: "CDS",
    lead: "CA-TP",
    title: "Xử lý 100% tin giả, tin sai sự thật về thành phố được phát hiện trên không gian mạng",
    description: "Phát hiện sớm, xử lý quyết liệt hành vi phát tán tin giả, tin sai sự thật.",
    indicator: "Tỷ lệ tin giả, tin sai sự thật được xử lý trong 48 giờ",
    unit: "%",
    baseline: 75,
    target: 100,
    dueMonths: 9,
    readings: [
      [2, 88],
      [1, 91],
    ],
  },
  {
    key: "sohoa",
    program: "CCHC",
    lead: "TTPVHCC",
    title: "Số hóa 100% kết quả giải quyết thủ tục hành chính còn hiệu lực",
    description: "Kết quả đã số hóa được tái sử dụng, người dân không phải nộp lại giấy tờ.",
    indicator: "Tỷ lệ kết quả giải quyết thủ tục hành chính được số hóa",
    unit: "%",
    baseline: 55,
    target: 100,
    dueMonths: 6,
    readings: [
      [3, 76],
      [2, 82],
      [1, 88],
    ],
  },
  {
    key: "hotich",
    program: "DA06",
    lead: "STP",
    title: "Số hóa 100% sổ hộ tịch, đưa vào Cơ sở dữ liệu hộ tịch điện tử",
    description: "Dữ liệu hộ tịch lịch sử được số hóa, đối soát với Cơ sở dữ liệu quốc gia về dân cư.",
    indicator: "Tỷ lệ sổ hộ tịch đã số hóa",
    unit: "%",
    baseline: 60,
    target: 100,
    dueMonths: 4,
    readings: [
      [3, 81],
      [2, 87],
      [1, 92],
    ],
  },
  {
    key: "trolyao",
    program: "CDS",
    lead: "SKHCN",
    title: "100% cán bộ, công chức sử dụng trợ lý ảo trong công việc",
    description: "Mỗi cán bộ sử dụng một trợ lý ảo để phân tích dữ liệu, đưa ra đánh giá khách quan, nâng cao hiệu quả công việc.",
    indicator: "Tỷ lệ cán bộ, công chức sử dụng trợ lý ảo hằng tuần",
    unit: "%",
    baseline: 10,
    target: 100,
    dueMonths: 10,
    readings: [
      [3, 35],
      [2, 46],
      [1, 58],
    ],
  },
];

interface TaskTemplate {
  lead: string;
  programs: Program[];
  title: string;
  deliverable: string;
  coord?: string[];
  goal?: GoalKey;
  /** E-mail of the owner; otherwise one is chosen among the users of the lead unit and its sub-units. */
  owner?: string;
  priority?: Priority;
  description?: string;
}

type TemplateExtra = Partial<Pick<TaskTemplate, "coord" | "goal" | "owner" | "priority" | "description">>;

function tpl(lead: string, programs: string, title: string, deliverable: string, extra: TemplateExtra = {}): TaskTemplate {
  return { lead, programs: programs.split(" ") as Program[], title, deliverable, ...extra };
}

const ADMIN = "admin@roviec.demo";
const SECRETARY = "thuky@roviec.demo";
const COMMITTEE_VICE = "bcd.pho@roviec.demo";
const COMMITTEE_MEMBER = "bcd.thanhvien@roviec.demo";

/** Department and committee tasks, drawn from the article and the programmes' real work. */
const DEPARTMENT_TASKS: TaskTemplate[] = [
  // Văn phòng UBND thành phố — the committee's secretariat.
  tpl(
    "VP-UBND",
    "CCHC CDS DA06",
    "Xây dựng Kế hoạch hoạt động năm của Ban Chỉ đạo về cải cách hành chính, chuyển đổi số và Đề án 06",
    "Kế hoạch hoạt động được Trưởng Ban Chỉ đạo phê duyệt",
    { priority: "high" },
  ),
  tpl(
    "VP-UBND",
    "CCHC CDS DA06",
    "Tổng hợp kết quả thực hiện phương châm “5 rõ, 1 xuyên suốt” tại các sở, ngành, phường, xã",
    "Báo cáo tổng hợp trình phiên họp Ban Chỉ đạo",
  ),
  tpl(
    "VP-UBND",
    "CCHC",
    "Rà soát, đề xuất phương án đơn giản hóa thủ tục hành chính thuộc thẩm quyền của thành phố",
    "Quyết định phê duyệt phương án đơn giản hóa thủ tục hành chính",
    { goal: "dvc", coord: ["SNV", "STP"], owner: SECRETARY },
  ),
  tpl(
    "VP-UBND",
    "CCHC",
    "Công bố danh mục thủ tục hành chính được cắt giảm thời gian giải quyết",
    "Quyết định công bố danh mục thủ tục hành chính",
    { owner: SECRETARY },
  ),
  tpl(
    "VP-UBND",
    "CDS",
    "Triển khai ký số trên thiết bị di động cho lãnh đạo các sở, ngành, phường, xã",
    "Báo cáo tỷ lệ văn bản đi được ký số",
    { coord: ["SKHCN"] },
  ),
  tpl(
    "VP-UBND",
    "CCHC CDS",
    "Đưa Hệ thống theo dõi nhiệm vụ của Ban Chỉ đạo vào sử dụng tại 100% đơn vị",
    "Hệ thống vận hành chính thức; 100% nhiệm vụ của Ban Chỉ đạo được cập nhật trên hệ thống",
    { coord: ["SKHCN"], priority: "high" },
  ),
  tpl(
    "VP-UBND",
    "CCHC CDS DA06",
    "Chuẩn bị nội dung phiên họp định kỳ quý của Ban Chỉ đạo",
    "Báo cáo đánh giá tiến độ và dự thảo Thông báo kết luận của Trưởng Ban Chỉ đạo",
  ),
  tpl(
    "VP-UBND",
    "CCHC",
    "Đôn đốc các đơn vị xử lý dứt điểm nhiệm vụ quá hạn của Ban Chỉ đạo",
    "Văn bản đôn đốc kèm danh sách nhiệm vụ quá hạn theo từng đơn vị",
    { priority: "urgent" },
  ),
  tpl(
    "VP-UBND",
    "CCHC",
    "Kiểm soát chất lượng dự thảo quy định thủ tục hành chính trước khi trình ban hành",
    "Báo cáo kết quả kiểm soát thủ tục hành chính",
    { owner: SECRETARY },
  ),
  tpl(
    "VP-UBND",
    "CDS",
    "Thí điểm trợ lý ảo hỗ trợ lãnh đạo thành phố tổng hợp, phân tích số liệu điều hành",
    "Trợ lý ảo vận hành thử nghiệm; báo cáo đánh giá hiệu quả",
    {
      goal: "trolyao",
      coord: ["SKHCN"],
      description: "Theo chỉ đạo: mỗi cán bộ sử dụng một trợ lý ảo để phân tích dữ liệu, đưa ra đánh giá khách quan.",
    },
  ),
  tpl(
    "VP-UBND",
    "CCHC CDS",
    "Tái cấu trúc quy trình giải quyết thủ tục hành chính lĩnh vực đất đai theo hướng liên thông",
    "Quyết định phê duyệt quy trình nội bộ liên thông",
    { coord: ["SNNMT", "TTPVHCC"], owner: SECRETARY },
  ),
  tpl(
    "VP-UBND",
    "DA06",
    "Tổng hợp báo cáo Chính phủ kết quả 6 tháng thực hiện Đề án 06 của thành phố",
    "Báo cáo của UBND thành phố gửi Tổ công tác triển khai Đề án 06 của Chính phủ",
    { coord: ["CA-TP"] },
  ),
  tpl(
    "VP-UBND",
    "CCHC CDS DA06",
    "Ban hành Quy chế hoạt động của Ban Chỉ đạo sau khi hợp nhất ba ban chỉ đạo",
    "Quyết định ban hành Quy chế hoạt động của Ban Chỉ đạo",
    { priority: "high" },
  ),
  tpl(
    "VP-UBND",
    "CDS",
    "Xây dựng bảng điều hành chỉ số cải cách hành chính, chuyển đổi số, Đề án 06 phục vụ Ban Chỉ đạo",
    "Bảng điều hành vận hành trên Trung tâm điều hành thông minh",
    { coord: ["SKHCN"] },
  ),
  tpl(
    "VP-UBND",
    "CCHC",
    "Rà soát, cập nhật danh mục thủ tục hành chính sau sắp xếp đơn vị hành chính hai cấp",
    "Quyết định công bố danh mục thủ tục hành chính cấp xã",
    { owner: SECRETARY, coord: ["SNV"] },
  ),
  tpl(
    "VP-UBND",
    "CCHC",
    "Tổng hợp kiến nghị của doanh nghiệp về thủ tục hành chính qua hội nghị đối thoại",
    "Báo cáo phân loại kiến nghị và đề xuất giao xử lý",
  ),

  // Ban Chỉ đạo — committee members' own assignments.
  tpl(
    "HN",
    "CCHC CDS DA06",
    "Chủ trì kiểm tra công tác cải cách hành chính, chuyển đổi số, Đề án 06 tại các phường, xã khu vực trung tâm",
    "Thông báo kết luận kiểm tra của Phó Trưởng Ban Chỉ đạo",
    { owner: COMMITTEE_VICE, coord: ["VP-UBND", "SNV"] },
  ),
  tpl(
    "HN",
    "CCHC CDS DA06",
    "Chủ trì hội nghị sơ kết 6 tháng thực hiện phương châm “5 rõ, 1 xuyên suốt”",
    "Báo cáo sơ kết và Thông báo kết luận hội nghị",
    { owner: COMMITTEE_VICE, coord: ["VP-UBND"] },
  ),
  tpl(
    "HN",
    "CCHC",
    "Đối thoại với doanh nghiệp về thủ tục hành chính và dịch vụ công trực tuyến",
    "Biên bản đối thoại; danh mục kiến nghị được giao xử lý",
    { owner: COMMITTEE_VICE, coord: ["VP-UBND", "TTPVHCC"] },
  ),
  tpl("HN", "CDS", "Kiểm tra tiến độ đầu tư, vận hành Trung tâm dữ liệu chính của thành phố", "Thông báo kết luận kiểm tra", {
    owner: COMMITTEE_MEMBER,
    goal: "ttdl",
    coord: ["SKHCN"],
  }),
  tpl(
    "HN",
    "CDS",
    "Làm việc với các doanh nghiệp viễn thông về tiến độ phát triển hạ tầng 5G",
    "Biên bản làm việc, cam kết tiến độ lắp đặt trạm BTS 5G của từng doanh nghiệp",
    { owner: COMMITTEE_MEMBER, goal: "5g", coord: ["SKHCN"] },
  ),
  tpl("HN", "CCHC", "Kiểm tra công tác cải cách hành chính tại các sở, ngành", "Báo cáo kết quả kiểm tra, kiến nghị xử lý", {
    owner: COMMITTEE_MEMBER,
    coord: ["SNV"],
  }),

  // Công an thành phố — most of Đề án 06.
  tpl(
    "CA-TP",
    "DA06",
    "Cấp tài khoản định danh điện tử mức 2 cho người dân đủ điều kiện",
    "Báo cáo số tài khoản định danh điện tử mức 2 được cấp, kích hoạt",
    { goal: "vneid", priority: "high" },
  ),
  tpl(
    "CA-TP",
    "DA06",
    "Thu nhận hồ sơ cấp căn cước lưu động tại khu dân cư, trường học, bệnh viện",
    "Báo cáo kết quả thu nhận hồ sơ cấp căn cước lưu động",
    { goal: "vneid" },
  ),
  tpl(
    "CA-TP",
    "DA06",
    "Làm sạch dữ liệu dân cư, bảo đảm dữ liệu “đúng, đủ, sạch, sống”",
    "Báo cáo kết quả làm sạch, số trường thông tin được cập nhật",
    { priority: "high" },
  ),
  tpl(
    "CA-TP",
    "DA06 CCHC",
    "Kết nối, chia sẻ dữ liệu dân cư với Hệ thống thông tin giải quyết thủ tục hành chính thành phố",
    "Hệ thống kết nối vận hành chính thức; biên bản nghiệm thu",
    { coord: ["SKHCN", "TTPVHCC"] },
  ),
  tpl("CA-TP", "DA06", "Hướng dẫn cơ sở lưu trú khai báo lưu trú qua ứng dụng VNeID", "Báo cáo tỷ lệ cơ sở lưu trú khai báo trực tuyến", {
    coord: ["SDL"],
  }),
  tpl(
    "CA-TP",
    "DA06",
    "Tích hợp giấy phép lái xe, thẻ bảo hiểm y tế vào ứng dụng VNeID cho người dân",
    "Báo cáo số giấy tờ được tích hợp trên VNeID",
    { coord: ["BHXH", "SXD"] },
  ),
  tpl(
    "CA-TP",
    "DA06 CCHC",
    "Triển khai xác thực sinh trắc học khi người dân làm thủ tục tại bộ phận một cửa",
    "Thiết bị xác thực vận hành tại 100% bộ phận một cửa; báo cáo kết quả",
    { coord: ["TTPVHCC"] },
  ),
  tpl(
    "CA-TP",
    "DA06",
    "Xác minh thông tin nhân thân phục vụ cấp phiếu lý lịch tư pháp trên VNeID",
    "Báo cáo kết quả xác minh, thời gian xử lý bình quân",
    { goal: "lltp", coord: ["STP"] },
  ),
  tpl(
    "CA-TP",
    "CDS",
    "Phát hiện, xử lý tin giả, tin sai sự thật về thành phố trên không gian mạng",
    "Báo cáo kết quả xử lý tin giả, tin sai sự thật",
    {
      goal: "tingia",
      coord: ["SVHTT"],
      priority: "urgent",
      description: "Xử lý quyết liệt hành vi phát tán tin giả, tin sai sự thật trên không gian mạng.",
    },
  ),
  tpl(
    "CA-TP",
    "CDS",
    "Bảo đảm an ninh mạng cho Trung tâm dữ liệu chính của thành phố",
    "Phương án bảo đảm an ninh mạng được phê duyệt; biên bản kiểm tra",
    { goal: "ttdl", coord: ["SKHCN"] },
  ),
  tpl(
    "CA-TP",
    "DA06",
    "Cập nhật biến động dân cư (khai sinh, khai tử, chuyển đi) vào Cơ sở dữ liệu quốc gia về dân cư",
    "Báo cáo số trường hợp biến động được cập nhật",
    { coord: ["STP"] },
  ),
  tpl(
    "CA-TP",
    "DA06 CCHC",
    "Cung cấp dịch vụ công trực tuyến toàn trình đăng ký thường trú, tạm trú",
    "Báo cáo tỷ lệ hồ sơ cư trú nộp trực tuyến",
    { goal: "dvc" },
  ),
  tpl(
    "CA-TP",
    "DA06",
    "Tuyên truyền người dân dùng VNeID thay giấy tờ khi làm thủ tục hành chính",
    "Báo cáo kết quả tuyên truyền; số lượt tiếp cận",
  ),
  tpl("CA-TP", "DA06", "Tập huấn nghiệp vụ Đề án 06 cho công an phường, xã sau sắp xếp", "Báo cáo kết quả tập huấn, danh sách học viên"),
  tpl("CA-TP", "CDS", "Giám sát, cảnh báo tấn công mạng vào hệ thống thông tin của thành phố", "Báo cáo giám sát an ninh mạng hằng tháng", {
    coord: ["SKHCN"],
  }),
  tpl(
    "CA-TP",
    "CDS DA06",
    "Xác thực tài khoản iHanoi bằng tài khoản định danh điện tử VNeID",
    "Tính năng đăng nhập bằng VNeID vận hành chính thức trên iHanoi",
    { goal: "ihanoi", coord: ["SKHCN"] },
  ),
  tpl(
    "CA-TP",
    "CDS DA06",
    "Thu tiền phạt vi phạm hành chính giao thông không dùng tiền mặt",
    "Báo cáo tỷ lệ khoản phạt được nộp trực tuyến",
  ),
  tpl("CA-TP", "DA06", "Cấp căn cước cho trẻ em dưới 14 tuổi theo nhu cầu", "Báo cáo số thẻ căn cước đã cấp cho trẻ dưới 14 tuổi"),
  tpl(
    "CA-TP",
    "CDS",
    "Cảnh báo người dân về thủ đoạn lừa đảo chiếm đoạt tài sản qua mạng",
    "Bản tin cảnh báo định kỳ trên iHanoi và cổng thông tin thành phố",
    { coord: ["SKHCN"] },
  ),
  tpl(
    "CA-TP",
    "DA06",
    "Kiểm tra việc khai thác, sử dụng dữ liệu dân cư tại các sở, ngành",
    "Báo cáo kết quả kiểm tra, kiến nghị chấn chỉnh",
  ),
  tpl(
    "CA-TP",
    "DA06 CDS",
    "Chuẩn hóa địa chỉ số của hộ gia đình gắn với Cơ sở dữ liệu quốc gia về dân cư",
    "Báo cáo tỷ lệ hộ gia đình được gắn mã địa chỉ số",
    { coord: ["SKHCN"] },
  ),
  tpl(
    "CA-TP",
    "CDS DA06",
    "Kết nối camera giám sát an ninh, trật tự với Trung tâm điều hành thông minh",
    "Báo cáo số camera được kết nối",
    { coord: ["SKHCN"] },
  ),
  tpl(
    "CA-TP",
    "DA06",
    "Phối hợp cung cấp dữ liệu dân cư phục vụ lập Hồ sơ sức khỏe điện tử",
    "Dữ liệu được đồng bộ; biên bản xác nhận với Sở Y tế",
    { goal: "hssk", coord: ["SYT"] },
  ),
  tpl("CA-TP", "DA06", "Đối soát, cập nhật trạng thái tài khoản định danh điện tử của công dân đã khai tử", "Báo cáo kết quả đối soát", {
    coord: ["STP"],
  }),

  // Sở Khoa học và Công nghệ (since 2025 also the former Sở Thông tin và Truyền thông).
  tpl(
    "SKHCN",
    "CDS",
    "Đưa Trung tâm dữ liệu chính của thành phố vào vận hành chính thức",
    "Quyết định đưa Trung tâm dữ liệu chính vào vận hành; biên bản nghiệm thu",
    { goal: "ttdl", owner: "gd.skhcn@roviec.demo", priority: "urgent" },
  ),
  tpl(
    "SKHCN",
    "CDS",
    "Di chuyển các hệ thống thông tin dùng chung lên Trung tâm dữ liệu chính",
    "Báo cáo kết quả di chuyển; danh mục hệ thống đã chuyển",
    { goal: "ttdl", owner: "cv.ttdl@roviec.demo", priority: "high" },
  ),
  tpl(
    "SKHCN",
    "CDS",
    "Xây dựng phương án sao lưu, dự phòng thảm họa cho Trung tâm dữ liệu chính",
    "Phương án được phê duyệt; biên bản diễn tập khôi phục",
    { goal: "ttdl", owner: "cv.ttdl@roviec.demo" },
  ),
  tpl(
    "SKHCN",
    "CDS",
    "Lập hồ sơ đề xuất cấp độ an toàn hệ thống thông tin tại Trung tâm dữ liệu chính",
    "Hồ sơ đề xuất cấp độ được phê duyệt",
    { goal: "ttdl", owner: "cv.ttdl@roviec.demo", coord: ["CA-TP"] },
  ),
  tpl(
    "SKHCN",
    "CDS",
    "Xây dựng hệ thống phân tích dữ liệu lớn phục vụ chỉ đạo, điều hành",
    "Hệ thống vận hành thử nghiệm; báo cáo đánh giá",
    { goal: "ttdl", owner: "cv.ttdl@roviec.demo" },
  ),
  tpl("SKHCN", "CDS", "Xây dựng kho dữ liệu dùng chung và danh mục dữ liệu mở của thành phố", "Quyết định ban hành danh mục dữ liệu mở", {
    owner: "cv.ttdl@roviec.demo",
  }),
  tpl(
    "SKHCN",
    "CDS",
    "Phối hợp các doanh nghiệp viễn thông lắp đặt trạm BTS 5G trên địa bàn",
    "Báo cáo số trạm BTS 5G đã lắp đặt theo từng doanh nghiệp",
    {
      goal: "5g",
      priority: "high",
      description: "Các nhà mạng lớn đã triển khai gần 3.000 trạm BTS 5G; tiếp tục phủ sóng các khu vực còn thiếu.",
    },
  ),
  tpl("SKHCN", "CDS CCHC", "Hướng dẫn cấp phép xây dựng trạm BTS, dùng chung hạ tầng viễn thông thụ động", "Văn bản hướng dẫn liên ngành", {
    goal: "5g",
    coord: ["SXD", "SQHKT"],
  }),
  tpl(
    "SKHCN",
    "CDS",
    "Phủ sóng 5G tại trung tâm hành chính, khu công nghiệp, bệnh viện, trường học",
    "Báo cáo kết quả đo kiểm vùng phủ sóng 5G",
    { goal: "5g", coord: ["BQL-KCN"] },
  ),
  tpl("SKHCN", "CDS", "Ngầm hóa, chỉnh trang cáp viễn thông trên các tuyến phố chính", "Báo cáo khối lượng cáp đã ngầm hóa", {
    coord: ["SXD"],
  }),
  tpl("SKHCN", "CDS", "Rà soát, khắc phục các chỉ số thành phần DTI còn điểm thấp", "Báo cáo phân tích chỉ số và kế hoạch khắc phục", {
    goal: "dti",
    priority: "high",
  }),
  tpl(
    "SKHCN",
    "CDS",
    "Tổng hợp hồ sơ, minh chứng tự đánh giá Chỉ số chuyển đổi số cấp tỉnh (DTI)",
    "Bộ hồ sơ tự đánh giá DTI gửi Bộ Khoa học và Công nghệ",
    { goal: "dti", priority: "urgent" },
  ),
  tpl("SKHCN", "CDS", "Đánh giá, xếp hạng mức độ chuyển đổi số của các sở, ngành, phường, xã", "Quyết định công bố kết quả xếp hạng", {
    goal: "dti",
  }),
  tpl(
    "SKHCN",
    "CDS CCHC",
    "Nâng cấp ứng dụng Công dân Thủ đô số – iHanoi: thông báo đẩy, tra cứu hồ sơ thủ tục hành chính",
    "Phiên bản mới phát hành trên kho ứng dụng",
    { goal: "ihanoi" },
  ),
  tpl("SKHCN", "CDS DA06", "Tích hợp iHanoi với Cổng dịch vụ công quốc gia và ứng dụng VNeID", "Tính năng tích hợp vận hành chính thức", {
    goal: "ihanoi",
    coord: ["CA-TP"],
  }),
  tpl(
    "SKHCN",
    "CDS CCHC",
    "Phân loại, chuyển xử lý phản ánh, kiến nghị của người dân trên iHanoi",
    "Báo cáo tình hình tiếp nhận, xử lý phản ánh",
    { goal: "ihanoi" },
  ),
  tpl("SKHCN", "CDS", "Truyền thông thúc đẩy người dân đăng ký, sử dụng iHanoi", "Báo cáo kết quả truyền thông, số tài khoản đăng ký mới", {
    goal: "ihanoi",
  }),
  tpl(
    "SKHCN",
    "CDS",
    "Vận hành ứng dụng tìm kiếm và thanh toán bãi đỗ xe không dùng tiền mặt",
    "Ứng dụng vận hành chính thức tại các điểm trông giữ xe",
    { goal: "parking", coord: ["SXD", "STC"], priority: "high" },
  ),
  tpl(
    "SKHCN",
    "CDS",
    "Mở rộng ứng dụng thanh toán bãi đỗ xe không dùng tiền mặt ra các phường ngoài khu vực trung tâm",
    "Báo cáo số điểm trông giữ xe kết nối ứng dụng",
    { goal: "parking", coord: ["SXD"] },
  ),
  tpl(
    "SKHCN",
    "CDS",
    "Kết nối dữ liệu chỗ trống bãi đỗ xe với bản đồ số và hệ thống giám sát giao thông",
    "Hệ thống kết nối vận hành; báo cáo số bãi đỗ xe cập nhật theo thời gian thực",
    { goal: "parking", coord: ["SXD", "CA-TP"] },
  ),
  tpl(
    "SKHCN",
    "CDS",
    "Triển khai trợ lý ảo cho cán bộ, công chức phân tích dữ liệu, tra cứu văn bản",
    "Trợ lý ảo vận hành; báo cáo số cán bộ sử dụng",
    { goal: "trolyao", priority: "high" },
  ),
  tpl("SKHCN", "CDS", "Tập huấn sử dụng trợ lý ảo cho cán bộ các sở, ngành, phường, xã", "Báo cáo kết quả tập huấn, số học viên", {
    goal: "trolyao",
    coord: ["SNV"],
  }),
  tpl("SKHCN", "CDS", "Xây dựng bộ dữ liệu văn bản, quy trình nghiệp vụ để huấn luyện trợ lý ảo", "Bộ dữ liệu được nghiệm thu", {
    goal: "trolyao",
    owner: "cv.ttdl@roviec.demo",
  }),
  tpl("SKHCN", "CDS", "Ban hành Kiến trúc Chính quyền điện tử, Chính quyền số thành phố phiên bản mới", "Quyết định ban hành Kiến trúc"),
  tpl(
    "SKHCN",
    "CDS",
    "Nâng cấp Nền tảng tích hợp, chia sẻ dữ liệu (LGSP) của thành phố",
    "Hệ thống vận hành chính thức; báo cáo số giao dịch",
  ),
  tpl("SKHCN", "CDS", "Giám sát an toàn thông tin tập trung (SOC) cho các sở, ngành, phường, xã", "Báo cáo số đơn vị được kết nối SOC", {
    coord: ["CA-TP"],
  }),
  tpl(
    "SKHCN",
    "CDS",
    "Phát triển Trung tâm điều hành thông minh (IOC) của thành phố",
    "Hệ thống vận hành; bộ chỉ số điều hành được cập nhật",
  ),
  tpl("SKHCN", "CDS CCHC", "Cấp chứng thư chữ ký số cho cán bộ, công chức các phường, xã mới", "Báo cáo số chứng thư chữ ký số đã cấp"),
  tpl(
    "SKHCN",
    "CCHC CDS",
    "Hướng dẫn các sở, ngành tái sử dụng dữ liệu đã số hóa trong giải quyết thủ tục hành chính",
    "Văn bản hướng dẫn",
    { goal: "sohoa", coord: ["TTPVHCC"] },
  ),
  tpl(
    "SKHCN",
    "CDS",
    "Duy trì hoạt động Tổ công nghệ số cộng đồng tại các phường, xã",
    "Báo cáo số Tổ công nghệ số cộng đồng đang hoạt động",
  ),
  tpl("SKHCN", "CDS", "Xây dựng bộ chỉ số đo lường kinh tế số của thành phố", "Quyết định ban hành bộ chỉ số", { coord: ["SCT", "STC"] }),
  tpl("SKHCN", "CDS", "Phổ cập kỹ năng số cho người dân qua nền tảng học trực tuyến mở", "Báo cáo số người dân hoàn thành khóa học"),
  tpl("SKHCN", "CDS", "Phủ Wi-Fi công cộng miễn phí tại các điểm du lịch trọng điểm", "Báo cáo số điểm phát Wi-Fi vận hành", {
    coord: ["SDL"],
  }),
  tpl("SKHCN", "CDS", "Rà soát hạ tầng mạng truyền số liệu chuyên dùng đến các phường, xã mới", "Báo cáo hiện trạng và phương án bổ sung"),
  tpl("SKHCN", "CDS", "Đánh giá hiệu quả đầu tư các dự án công nghệ thông tin sử dụng ngân sách", "Báo cáo đánh giá trình UBND thành phố", {
    coord: ["STC"],
  }),
  tpl("SKHCN", "CDS", "Xây dựng Cơ sở dữ liệu khoa học, công nghệ và đổi mới sáng tạo", "Cơ sở dữ liệu vận hành chính thức"),
  tpl("SKHCN", "CDS", "Tổ chức cuộc thi giải pháp chuyển đổi số Thủ đô", "Quyết định công nhận kết quả cuộc thi"),
  tpl("SKHCN", "CDS", "Lưu trữ hồ sơ điện tử, số hóa tài liệu lưu trữ của Sở", "Báo cáo tỷ lệ hồ sơ công việc được lưu trữ điện tử"),
  tpl("SKHCN", "CDS", "Xây dựng nền tảng bản đồ số dùng chung của thành phố", "Nền tảng bản đồ số vận hành; danh mục lớp dữ liệu", {
    coord: ["SNNMT"],
  }),
  tpl(
    "SKHCN",
    "CDS",
    "Thí điểm chợ 4.0: thanh toán không dùng tiền mặt tại chợ truyền thống",
    "Báo cáo số tiểu thương sử dụng thanh toán số",
    { coord: ["SCT"] },
  ),

  // Sở Y tế.
  tpl(
    "SYT",
    "DA06 CDS",
    "Triển khai Hồ sơ sức khỏe điện tử cho người dân trên ứng dụng VNeID",
    "Báo cáo số Hồ sơ sức khỏe điện tử được lập, tích hợp lên VNeID",
    { goal: "hssk", coord: ["CA-TP"], priority: "urgent" },
  ),
  tpl(
    "SYT",
    "DA06",
    "Cập nhật Hồ sơ sức khỏe điện tử cho người cao tuổi, người mắc bệnh mạn tính",
    "Báo cáo tỷ lệ người cao tuổi, người bệnh mạn tính có hồ sơ",
    { goal: "hssk" },
  ),
  tpl("SYT", "DA06 CDS", "Kết nối dữ liệu tiêm chủng với Hồ sơ sức khỏe điện tử", "Dữ liệu tiêm chủng được đồng bộ; báo cáo kết quả", {
    goal: "hssk",
  }),
  tpl(
    "SYT",
    "CDS",
    "Kết nối phần mềm quản lý trạm y tế phường, xã với Hồ sơ sức khỏe điện tử",
    "Phần mềm kết nối vận hành tại 100% trạm y tế",
    { goal: "hssk" },
  ),
  tpl("SYT", "DA06", "Hướng dẫn người dân tra cứu Hồ sơ sức khỏe điện tử trên VNeID", "Tài liệu hướng dẫn; báo cáo kết quả tuyên truyền", {
    goal: "hssk",
  }),
  tpl(
    "SYT",
    "DA06",
    "Liên thông dữ liệu giấy khám sức khỏe lái xe với hệ thống cấp giấy phép lái xe",
    "Dữ liệu liên thông vận hành chính thức",
    { coord: ["SXD", "CA-TP"] },
  ),
  tpl(
    "SYT",
    "DA06 CCHC",
    "Cấp giấy chứng sinh, giấy báo tử điện tử liên thông với đăng ký hộ tịch",
    "Báo cáo tỷ lệ giấy chứng sinh, giấy báo tử được cấp điện tử",
    { coord: ["STP"] },
  ),
  tpl(
    "SYT",
    "CDS",
    "Triển khai bệnh án điện tử tại các bệnh viện công lập thành phố",
    "Danh sách bệnh viện hoàn thành bệnh án điện tử; báo cáo kết quả",
    { priority: "high" },
  ),
  tpl(
    "SYT",
    "CDS",
    "Thanh toán viện phí không dùng tiền mặt tại các cơ sở y tế công lập",
    "Báo cáo tỷ lệ giao dịch viện phí không dùng tiền mặt",
  ),
  tpl(
    "SYT",
    "DA06",
    "Sử dụng căn cước, VNeID thay thẻ bảo hiểm y tế khi khám, chữa bệnh",
    "Báo cáo số lượt khám chữa bệnh dùng căn cước, VNeID",
    { coord: ["BHXH"] },
  ),
  tpl("SYT", "CDS", "Đặt lịch khám bệnh trực tuyến tại các bệnh viện tuyến thành phố", "Tính năng đặt lịch vận hành; báo cáo số lượt đặt"),
  tpl(
    "SYT",
    "CCHC",
    "Cung cấp dịch vụ công trực tuyến toàn trình lĩnh vực y tế",
    "Quyết định phê duyệt danh mục; báo cáo tỷ lệ hồ sơ trực tuyến",
    { goal: "dvc" },
  ),
  tpl("SYT", "CDS", "Khám, chữa bệnh từ xa kết nối bệnh viện tuyến thành phố với trạm y tế xã", "Báo cáo số ca hội chẩn từ xa"),
  tpl("SYT", "CCHC", "Đơn giản hóa thủ tục cấp giấy phép hành nghề khám bệnh, chữa bệnh", "Quyết định phê duyệt phương án đơn giản hóa"),
  tpl("SYT", "DA06", "Tổng hợp tiến độ lập Hồ sơ sức khỏe điện tử theo từng phường, xã", "Báo cáo tiến độ theo phường, xã", {
    goal: "hssk",
  }),
  tpl("SYT", "CCHC CDS", "Số hóa hồ sơ cấp phép hoạt động cơ sở hành nghề dược", "Báo cáo tỷ lệ hồ sơ được số hóa", { goal: "sohoa" }),
  tpl("SYT", "CDS", "Kết nối dữ liệu khám chữa bệnh với Cổng giám định bảo hiểm y tế", "Báo cáo tỷ lệ cơ sở liên thông dữ liệu", {
    coord: ["BHXH"],
  }),
  tpl(
    "SYT",
    "CDS",
    "Ứng dụng trí tuệ nhân tạo hỗ trợ đọc phim chẩn đoán hình ảnh tại bệnh viện tuyến thành phố",
    "Báo cáo kết quả thí điểm",
  ),

  // Sở Tư pháp.
  tpl("STP", "DA06 CCHC", "Cấp phiếu lý lịch tư pháp trên ứng dụng VNeID", "Báo cáo số phiếu lý lịch tư pháp được cấp qua VNeID", {
    goal: "lltp",
    coord: ["CA-TP"],
    priority: "urgent",
  }),
  tpl(
    "STP",
    "CCHC",
    "Rút ngắn thời gian cấp phiếu lý lịch tư pháp qua VNeID",
    "Quy trình nội bộ rút gọn được phê duyệt; báo cáo thời gian xử lý bình quân",
    { goal: "lltp" },
  ),
  tpl("STP", "CDS", "Thu phí cấp phiếu lý lịch tư pháp không dùng tiền mặt", "Báo cáo tỷ lệ phí được thanh toán trực tuyến", {
    goal: "lltp",
  }),
  tpl(
    "STP",
    "DA06 CDS",
    "Trả phiếu lý lịch tư pháp bản điện tử có giá trị pháp lý trên VNeID",
    "Phiếu điện tử được trả trên VNeID; báo cáo kết quả",
    { goal: "lltp" },
  ),
  tpl(
    "STP",
    "DA06 CCHC",
    "Số hóa sổ hộ tịch, đưa dữ liệu vào Cơ sở dữ liệu hộ tịch điện tử",
    "Báo cáo số sổ hộ tịch đã số hóa, tỷ lệ hoàn thành",
    { goal: "hotich", priority: "high" },
  ),
  tpl(
    "STP",
    "DA06 CCHC",
    "Liên thông thủ tục đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi",
    "Báo cáo tỷ lệ hồ sơ liên thông trực tuyến",
    { coord: ["CA-TP", "BHXH"] },
  ),
  tpl(
    "STP",
    "DA06 CCHC",
    "Liên thông thủ tục đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất",
    "Báo cáo tỷ lệ hồ sơ liên thông trực tuyến",
    { coord: ["CA-TP", "BHXH"] },
  ),
  tpl(
    "STP",
    "CCHC CDS",
    "Cấp bản sao trích lục hộ tịch điện tử",
    "Tính năng vận hành trên Hệ thống thông tin giải quyết thủ tục hành chính",
    { goal: "hotich" },
  ),
  tpl("STP", "CCHC CDS", "Chứng thực bản sao điện tử từ bản chính tại phường, xã", "Báo cáo số bản sao điện tử được chứng thực", {
    goal: "sohoa",
  }),
  tpl("STP", "DA06", "Kiểm tra công tác đăng ký, quản lý hộ tịch tại các phường, xã", "Báo cáo kết quả kiểm tra", { goal: "hotich" }),
  tpl("STP", "DA06 CCHC", "Tập huấn nghiệp vụ hộ tịch cho công chức tư pháp - hộ tịch phường, xã mới", "Báo cáo kết quả tập huấn"),
  tpl("STP", "CCHC", "Thẩm định dự thảo văn bản quy phạm pháp luật có quy định thủ tục hành chính", "Báo cáo thẩm định"),
  tpl("STP", "CDS", "Xây dựng cơ sở dữ liệu công chứng, chứng thực dùng chung của thành phố", "Cơ sở dữ liệu vận hành chính thức"),
  tpl("STP", "CDS", "Phổ biến pháp luật trên nền tảng số và trợ lý ảo pháp luật", "Trợ lý ảo pháp luật vận hành trên iHanoi", {
    goal: "trolyao",
  }),
  tpl("STP", "CCHC", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của thành phố", "Quyết định công bố kết quả hệ thống hóa"),
  tpl(
    "STP",
    "DA06",
    "Đối soát dữ liệu hộ tịch với Cơ sở dữ liệu quốc gia về dân cư",
    "Báo cáo kết quả đối soát, số trường hợp sai lệch đã xử lý",
    { goal: "hotich", coord: ["CA-TP"] },
  ),
  tpl("STP", "CCHC DA06", "Hướng dẫn phường, xã xử lý hồ sơ hộ tịch sau sắp xếp đơn vị hành chính", "Văn bản hướng dẫn"),
  tpl("STP", "DA06 CCHC", "Tiếp nhận hồ sơ đăng ký khai sinh trực tuyến qua VNeID", "Báo cáo tỷ lệ hồ sơ khai sinh nộp trực tuyến", {
    goal: "dvc",
  }),

  // Sở Nội vụ.
  tpl("SNV", "CCHC", "Xác định Chỉ số cải cách hành chính của các sở, ngành, phường, xã", "Quyết định công bố Chỉ số cải cách hành chính", {
    priority: "high",
  }),
  tpl(
    "SNV",
    "CCHC",
    "Khảo sát mức độ hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính",
    "Báo cáo kết quả khảo sát (SIPAS)",
  ),
  tpl("SNV", "CCHC", "Rà soát, sắp xếp tổ chức bộ máy các sở sau hợp nhất", "Đề án sắp xếp trình UBND thành phố", { priority: "high" }),
  tpl("SNV", "CDS CCHC", "Số hóa hồ sơ cán bộ, công chức, viên chức, cập nhật cơ sở dữ liệu quốc gia", "Báo cáo tỷ lệ hồ sơ đã số hóa"),
  tpl(
    "SNV",
    "CCHC",
    "Kiểm tra công vụ, kỷ luật, kỷ cương hành chính tại bộ phận một cửa các phường, xã",
    "Báo cáo kết quả kiểm tra công vụ",
    { coord: ["TTPVHCC"] },
  ),
  tpl(
    "SNV",
    "CCHC",
    "Rà soát danh mục thủ tục hành chính đủ điều kiện cung cấp dịch vụ công trực tuyến toàn trình",
    "Quyết định phê duyệt danh mục dịch vụ công trực tuyến toàn trình",
    { goal: "dvc", priority: "high" },
  ),
  tpl("SNV", "CCHC", "Xây dựng vị trí việc làm cho công chức phường, xã sau sắp xếp", "Quyết định phê duyệt vị trí việc làm"),
  tpl(
    "SNV",
    "CDS",
    "Triển khai lưu trữ hồ sơ điện tử tại các cơ quan, đơn vị của thành phố",
    "Báo cáo tỷ lệ hồ sơ công việc được lưu trữ điện tử",
  ),
  tpl("SNV", "CDS", "Bồi dưỡng cán bộ chuyên trách chuyển đổi số tại các sở, ngành, phường, xã", "Báo cáo kết quả bồi dưỡng", {
    coord: ["SKHCN"],
  }),
  tpl("SNV", "CDS", "Bồi dưỡng kỹ năng số cho cán bộ, công chức phường, xã", "Báo cáo số cán bộ hoàn thành chương trình", {
    goal: "trolyao",
  }),
  tpl("SNV", "CCHC CDS", "Tổ chức Cuộc thi tìm hiểu cải cách hành chính, chuyển đổi số", "Quyết định công nhận kết quả cuộc thi"),
  tpl(
    "SNV",
    "CCHC",
    "Xây dựng bộ tiêu chí đánh giá cán bộ, công chức theo kết quả thực hiện nhiệm vụ (KPI)",
    "Quyết định ban hành bộ tiêu chí",
    { priority: "high" },
  ),
  tpl("SNV", "CCHC", "Đánh giá cán bộ, công chức theo kết quả thực hiện nhiệm vụ được giao trên hệ thống", "Báo cáo kết quả đánh giá quý"),
  tpl("SNV", "CCHC", "Tuyên truyền cải cách hành chính trên báo chí, mạng xã hội", "Báo cáo kết quả tuyên truyền"),
  tpl("SNV", "CCHC", "Hướng dẫn các phường, xã kiện toàn bộ phận một cửa", "Văn bản hướng dẫn; danh sách bộ phận một cửa đã kiện toàn", {
    coord: ["TTPVHCC"],
  }),
  tpl(
    "SNV",
    "CCHC",
    "Rà soát, bãi bỏ quy định, giấy tờ không cần thiết trong hồ sơ thủ tục hành chính",
    "Báo cáo kết quả rà soát, kiến nghị bãi bỏ",
    { goal: "dvc" },
  ),
  tpl("SNV", "CCHC", "Thẩm định đề án vị trí việc làm của các đơn vị sự nghiệp công lập", "Báo cáo thẩm định"),
  tpl("SNV", "CCHC CDS", "Đo lường sự hài lòng của người dân qua iHanoi", "Báo cáo kết quả khảo sát trực tuyến", {
    goal: "ihanoi",
    coord: ["SKHCN"],
  }),
  tpl(
    "SNV",
    "CCHC CDS",
    "Khen thưởng tập thể, cá nhân có thành tích xuất sắc trong cải cách hành chính, chuyển đổi số",
    "Quyết định khen thưởng",
  ),
  tpl(
    "SNV",
    "CCHC",
    "Xây dựng quy chế phối hợp giữa các sở và phường, xã trong giải quyết thủ tục hành chính",
    "Quyết định ban hành quy chế phối hợp",
  ),

  // Trung tâm Phục vụ hành chính công.
  tpl(
    "TTPVHCC",
    "CCHC",
    "Tiếp nhận hồ sơ không phụ thuộc địa giới hành chính tại các chi nhánh Trung tâm",
    "Báo cáo số hồ sơ tiếp nhận không phụ thuộc địa giới",
    { priority: "high" },
  ),
  tpl("TTPVHCC", "CCHC CDS", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính ngay khi tiếp nhận", "Báo cáo tỷ lệ hồ sơ được số hóa", {
    goal: "sohoa",
    priority: "high",
  }),
  tpl("TTPVHCC", "CCHC", "Vận hành tổng đài hỗ trợ người dân nộp hồ sơ trực tuyến", "Tổng đài vận hành; báo cáo số cuộc gọi được hỗ trợ"),
  tpl(
    "TTPVHCC",
    "CDS CCHC",
    "Thí điểm trợ lý ảo hướng dẫn thủ tục hành chính tại Trung tâm",
    "Trợ lý ảo vận hành thử nghiệm; báo cáo đánh giá",
    { goal: "trolyao", coord: ["SKHCN"] },
  ),
  tpl(
    "TTPVHCC",
    "CCHC DA06",
    "Tái sử dụng dữ liệu đã số hóa, không yêu cầu người dân nộp lại giấy tờ",
    "Báo cáo tỷ lệ hồ sơ tái sử dụng dữ liệu",
    { goal: "sohoa" },
  ),
  tpl("TTPVHCC", "CCHC", "Đánh giá chất lượng phục vụ qua thiết bị điện tử tại quầy", "Báo cáo kết quả đánh giá"),
  tpl(
    "TTPVHCC",
    "CDS CCHC",
    "Vận hành Hệ thống thông tin giải quyết thủ tục hành chính thành phố",
    "Báo cáo vận hành hằng tháng; tỷ lệ hồ sơ đúng hạn",
  ),
  tpl("TTPVHCC", "CDS CCHC", "Thanh toán trực tuyến phí, lệ phí thủ tục hành chính", "Báo cáo tỷ lệ hồ sơ thanh toán trực tuyến"),
  tpl("TTPVHCC", "CCHC", "Tiếp nhận, trả kết quả qua dịch vụ bưu chính công ích", "Báo cáo số hồ sơ qua bưu chính công ích"),
  tpl(
    "TTPVHCC",
    "DA06 CCHC",
    "Bố trí khu vực hướng dẫn người dân sử dụng VNeID và dịch vụ công trực tuyến",
    "Khu vực hướng dẫn hoạt động tại 100% chi nhánh",
    { coord: ["CA-TP"] },
  ),
  tpl(
    "TTPVHCC",
    "CCHC",
    "Chuẩn hóa quy trình nội bộ giải quyết thủ tục hành chính trên hệ thống",
    "Quyết định phê duyệt quy trình nội bộ",
    { goal: "dvc" },
  ),
  tpl("TTPVHCC", "CDS CCHC", "Đồng bộ trạng thái hồ sơ với Cổng dịch vụ công quốc gia", "Báo cáo tỷ lệ hồ sơ đồng bộ"),
  tpl("TTPVHCC", "CCHC CDS", "Cấp kết quả giải quyết thủ tục hành chính bản điện tử", "Báo cáo tỷ lệ kết quả được cấp bản điện tử", {
    goal: "sohoa",
  }),
  tpl(
    "TTPVHCC",
    "CCHC",
    "Tổ chức giao ban trực tuyến với bộ phận một cửa các phường, xã",
    "Biên bản giao ban; danh sách vướng mắc được xử lý",
  ),
  tpl("TTPVHCC", "CCHC", "Xử lý hồ sơ trễ hạn, gửi thư xin lỗi người dân", "Báo cáo số hồ sơ trễ hạn và thư xin lỗi đã gửi"),
  tpl("TTPVHCC", "DA06 CCHC", "Kết nối thiết bị đọc căn cước gắn chip tại quầy tiếp nhận", "Thiết bị vận hành tại 100% quầy", {
    coord: ["CA-TP"],
  }),
];

/** Ward and commune tasks; `{w}` is the ward's name in running text ("phường Hoàn Kiếm"). */
const WARD_TASKS: TaskTemplate[] = [
  tpl(
    "",
    "CDS",
    "Tuyên truyền, hướng dẫn người dân cài đặt, sử dụng ứng dụng iHanoi trên địa bàn {w}",
    "Báo cáo số tài khoản iHanoi đăng ký mới",
    { goal: "ihanoi" },
  ),
  tpl("", "CCHC CDS", "Tiếp nhận, xử lý đúng hạn phản ánh của người dân qua iHanoi tại {w}", "Báo cáo tỷ lệ phản ánh được xử lý đúng hạn", {
    goal: "ihanoi",
  }),
  tpl("", "CCHC", "Số hóa kết quả giải quyết thủ tục hành chính còn hiệu lực tại {w}", "Báo cáo tỷ lệ kết quả đã số hóa", {
    goal: "sohoa",
  }),
  tpl("", "DA06", "Làm sạch dữ liệu dân cư trên địa bàn {w}", "Báo cáo kết quả làm sạch dữ liệu", { coord: ["CA-TP"] }),
  tpl("", "CCHC", "Hướng dẫn người dân nộp hồ sơ trực tuyến toàn trình tại bộ phận một cửa {w}", "Báo cáo tỷ lệ hồ sơ nộp trực tuyến", {
    goal: "dvc",
  }),
  tpl("", "CDS", "Kiện toàn Tổ công nghệ số cộng đồng {w}", "Quyết định kiện toàn Tổ công nghệ số cộng đồng"),
  tpl("", "CDS CCHC", "Thu phí, lệ phí không dùng tiền mặt tại bộ phận một cửa {w}", "Báo cáo tỷ lệ giao dịch không dùng tiền mặt"),
  tpl("", "DA06", "Vận động người dân tích hợp thẻ bảo hiểm y tế, giấy phép lái xe vào VNeID tại {w}", "Báo cáo số giấy tờ được tích hợp", {
    goal: "vneid",
  }),
  tpl(
    "",
    "DA06",
    "Cập nhật dữ liệu an sinh xã hội, người có công vào Cơ sở dữ liệu quốc gia về dân cư tại {w}",
    "Báo cáo số đối tượng được cập nhật",
  ),
  tpl("", "CCHC", "Niêm yết công khai thủ tục hành chính cấp xã tại bộ phận một cửa {w}", "Biên bản kiểm tra niêm yết"),
  tpl("", "CDS", "Bảo đảm an toàn thông tin cho hệ thống máy tính của {w}", "Báo cáo kiểm tra an toàn thông tin", { coord: ["SKHCN"] }),
  tpl("", "CCHC", "Khảo sát sự hài lòng của người dân với dịch vụ hành chính công tại {w}", "Báo cáo kết quả khảo sát"),
  tpl("", "CDS", "Cán bộ, công chức {w} sử dụng trợ lý ảo tra cứu văn bản, xử lý hồ sơ", "Báo cáo số cán bộ sử dụng trợ lý ảo", {
    goal: "trolyao",
  }),
  tpl("", "CDS", "Chuẩn hóa dữ liệu hộ kinh doanh trên địa bàn {w}", "Danh sách hộ kinh doanh đã chuẩn hóa", { coord: ["CTHUE"] }),
  tpl("", "CDS", "Phối hợp xử lý thông tin sai sự thật trên nhóm mạng xã hội của khu dân cư {w}", "Báo cáo kết quả xử lý", {
    goal: "tingia",
    coord: ["CA-TP"],
  }),
  tpl(
    "",
    "DA06",
    "Hướng dẫn cơ sở lưu trú trên địa bàn {w} khai báo lưu trú qua VNeID",
    "Báo cáo tỷ lệ cơ sở lưu trú khai báo trực tuyến",
    { coord: ["CA-TP"] },
  ),
  tpl("", "DA06", "Hướng dẫn người dân lập Hồ sơ sức khỏe điện tử tại trạm y tế {w}", "Báo cáo số người dân được lập hồ sơ", {
    goal: "hssk",
    coord: ["SYT"],
  }),
  tpl(
    "",
    "CDS",
    "Kết nối điểm trông giữ xe trên địa bàn {w} với ứng dụng thanh toán không dùng tiền mặt",
    "Báo cáo số điểm trông giữ xe đã kết nối",
    { goal: "parking", coord: ["SKHCN"] },
  ),
];

/** Wards with demo users, and which ward templates (by index) each gets. */
const WARD_ASSIGNMENTS: Array<[string, number[]]> = [
  ["P-HOANKIEM", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]],
  ["P-BADINH", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]],
  ["P-DONGDA", [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]],
  ["P-CAUGIAY", [0, 1, 2, 3, 4, 6, 7, 10, 12, 13, 15, 17]],
  ["X-SOCSON", [0, 1, 2, 3, 4, 5, 7, 8, 9, 11, 14, 16]],
];

interface PeriodicSeries {
  lead: string;
  owner: string;
  programs: Program[];
  goal?: GoalKey;
  /** `{p}` is the period ("tháng 3/2026", "quý I/2026"). */
  title: string;
  deliverable: string;
  every: "month" | "quarter";
  count: number;
  /** Leave the latest report whose deadline has passed open (so overdue). */
  latePastOpen?: boolean;
}

/** Periodic reports: their deadline is the 27th, two days after the 25th cut-off of the period. */
const PERIODIC: PeriodicSeries[] = [
  {
    lead: "VP-UBND",
    owner: SECRETARY,
    programs: ["CCHC", "CDS", "DA06"],
    title: "Báo cáo Ban Chỉ đạo kết quả thực hiện nhiệm vụ {p}",
    deliverable: "Báo cáo tháng trình Trưởng Ban Chỉ đạo (số liệu tính đến ngày 25)",
    every: "month",
    count: 6,
  },
  {
    lead: "SNV",
    owner: "cv.snv@roviec.demo",
    programs: ["CCHC"],
    title: "Báo cáo công tác cải cách hành chính {p}",
    deliverable: "Báo cáo gửi Văn phòng UBND thành phố (số liệu tính đến ngày 25)",
    every: "month",
    count: 6,
  },
  {
    lead: "CA-TP",
    owner: "cv.pc06@roviec.demo",
    programs: ["DA06"],
    goal: "vneid",
    title: "Báo cáo tiến độ triển khai Đề án 06 {p}",
    deliverable: "Báo cáo gửi Tổ công tác Đề án 06 thành phố (số liệu tính đến ngày 25)",
    every: "month",
    count: 6,
    latePastOpen: true,
  },
  {
    lead: "SYT",
    owner: "cv.syt@roviec.demo",
    programs: ["DA06"],
    goal: "hssk",
    title: "Báo cáo tiến độ lập Hồ sơ sức khỏe điện tử {p}",
    deliverable: "Báo cáo số liệu theo phường, xã (tính đến ngày 25)",
    every: "month",
    count: 6,
  },
  {
    lead: "STP",
    owner: "cv.stp@roviec.demo",
    programs: ["DA06", "CCHC"],
    goal: "lltp",
    title: "Báo cáo kết quả cấp phiếu lý lịch tư pháp trên VNeID {p}",
    deliverable: "Báo cáo số phiếu được cấp, thời gian xử lý bình quân (tính đến ngày 25)",
    every: "month",
    count: 6,
  },
  {
    lead: "SKHCN",
    owner: "cv.cds@roviec.demo",
    programs: ["CDS"],
    goal: "dti",
    title: "Báo cáo kết quả chuyển đổi số {p}",
    deliverable: "Báo cáo quý gửi Ban Chỉ đạo (số liệu tính đến ngày 25 tháng cuối quý)",
    every: "quarter",
    count: 3,
  },
  {
    lead: "TTPVHCC",
    owner: "cv.ttpvhcc@roviec.demo",
    programs: ["CCHC"],
    title: "Báo cáo kết quả giải quyết thủ tục hành chính {p}",
    deliverable: "Báo cáo quý, tỷ lệ hồ sơ đúng hạn theo đơn vị (số liệu tính đến ngày 25 tháng cuối quý)",
    every: "quarter",
    count: 3,
  },
];

interface CascadeSeed {
  lead: string;
  owner: string;
  issuer: string;
  programs: Program[];
  goal: GoalKey;
  coord: string[];
  title: string;
  description: string;
  deliverable: string;
  /** Deadline relative to today, and days between issue and deadline. */
  deadlineIn: number;
  span: number;
  /** Per ward: "on_time" / "late" (done), or a progress for an open child; `pending` asks for more time. */
  children: Array<{ ward: string; outcome: "on_time" | "late" | number; pending?: boolean }>;
}

/** "1 xuyên suốt": one directive, one child per ward or commune (those with demo users). */
const CASCADES: CascadeSeed[] = [
  {
    lead: "VP-UBND",
    owner: ADMIN,
    issuer: ADMIN,
    programs: ["CCHC", "DA06"],
    goal: "hotich",
    coord: ["STP", "CA-TP"],
    title: "Mỗi phường, xã: rà soát, số hóa sổ hộ tịch và cập nhật vào Cơ sở dữ liệu hộ tịch điện tử",
    description: "Số hóa toàn bộ sổ hộ tịch lưu tại phường, xã; đối soát với Cơ sở dữ liệu quốc gia về dân cư.",
    deliverable: "Báo cáo kết quả số hóa sổ hộ tịch của phường, xã kèm danh mục sổ đã số hóa",
    deadlineIn: -18,
    span: 95,
    children: [
      { ward: "P-HOANKIEM", outcome: "on_time" },
      { ward: "P-BADINH", outcome: "late" },
      { ward: "P-DONGDA", outcome: 85 },
      { ward: "P-CAUGIAY", outcome: 60 },
      { ward: "X-SOCSON", outcome: "on_time" },
    ],
  },
  {
    lead: "VP-UBND",
    owner: SECRETARY,
    issuer: ADMIN,
    programs: ["DA06"],
    goal: "vneid",
    coord: ["CA-TP"],
    title: "Mỗi phường, xã: vận động người dân kích hoạt tài khoản định danh điện tử VNeID mức 2",
    description: "Phối hợp công an phường, xã tổ chức các đợt cao điểm hướng dẫn kích hoạt tại khu dân cư.",
    deliverable: "Báo cáo số tài khoản VNeID mức 2 được kích hoạt trên địa bàn",
    deadlineIn: 5,
    span: 60,
    children: [
      { ward: "P-HOANKIEM", outcome: 90 },
      { ward: "P-BADINH", outcome: "on_time" },
      { ward: "P-DONGDA", outcome: 70 },
      { ward: "P-CAUGIAY", outcome: 45 },
      { ward: "X-SOCSON", outcome: 10, pending: true },
    ],
  },
  {
    lead: "SNV",
    owner: "gd.snv@roviec.demo",
    issuer: ADMIN,
    programs: ["CCHC", "CDS"],
    goal: "dvc",
    coord: ["SKHCN", "TTPVHCC"],
    title: "Mỗi phường, xã: hướng dẫn người dân sử dụng iHanoi và dịch vụ công trực tuyến toàn trình",
    description: "Bố trí cán bộ, Tổ công nghệ số cộng đồng hướng dẫn trực tiếp tại bộ phận một cửa và khu dân cư.",
    deliverable: "Báo cáo kết quả hướng dẫn, tỷ lệ hồ sơ nộp trực tuyến của phường, xã",
    deadlineIn: 40,
    span: 75,
    children: [
      { ward: "P-HOANKIEM", outcome: 30 },
      { ward: "P-BADINH", outcome: 20 },
      { ward: "P-DONGDA", outcome: 0 },
      { ward: "P-CAUGIAY", outcome: 10 },
      { ward: "X-SOCSON", outcome: 0 },
    ],
  },
];

/** Tasks later cancelled by the committee, with the reason recorded. */
const CANCELLED_TASKS: Array<TaskTemplate & { reason: string }> = [
  {
    ...tpl(
      "SKHCN",
      "CDS",
      "Nâng cấp Cổng thông tin điện tử của Sở Thông tin và Truyền thông",
      "Cổng thông tin được nâng cấp, vận hành chính thức",
    ),
    reason:
      "Sở Thông tin và Truyền thông đã hợp nhất vào Sở Khoa học và Công nghệ; nội dung được lồng ghép vào nhiệm vụ nâng cấp cổng thông tin của Sở Khoa học và Công nghệ.",
  },
  {
    ...tpl("P-HOANKIEM", "CCHC", "Thí điểm phần mềm một cửa điện tử riêng của phường Hoàn Kiếm", "Phần mềm vận hành thử nghiệm"),
    reason: "Thành phố dùng thống nhất Hệ thống thông tin giải quyết thủ tục hành chính; không đầu tư phần mềm riêng.",
  },
  {
    ...tpl("CA-TP", "DA06", "Tổ chức cấp căn cước lưu động tại các quận nội thành", "Báo cáo kết quả cấp căn cước lưu động"),
    reason: "Từ 01/7/2025 không còn cấp quận; nhiệm vụ chuyển cho công an các phường, xã thực hiện.",
  },
  {
    ...tpl("STP", "CDS", "Xây dựng ứng dụng di động riêng tra cứu lý lịch tư pháp", "Ứng dụng phát hành trên kho ứng dụng"),
    reason: "Đã cung cấp dịch vụ cấp phiếu lý lịch tư pháp trên VNeID; không xây dựng ứng dụng riêng để tránh đầu tư trùng lặp.",
  },
];

interface DraftSeed {
  lead: string | null;
  owner: string | null;
  programs: Program[];
  title: string;
  deliverable: string | null;
  /** Days from today, or null when not yet set. */
  deadlineIn: number | null;
  creator: string;
}

/** Drafts: not issued yet, most of them missing one of the five. */
const DRAFTS: DraftSeed[] = [
  {
    lead: "SKHCN",
    owner: null,
    programs: ["CDS"],
    title: "Rà soát hạ tầng điện, điều hòa phòng máy chủ tại các phường, xã",
    deliverable: "Báo cáo hiện trạng và đề xuất đầu tư",
    deadlineIn: null,
    creator: "gd.skhcn@roviec.demo",
  },
  {
    lead: "TTPVHCC",
    owner: "cv.ttpvhcc@roviec.demo",
    programs: ["CDS", "CCHC"],
    title: "Xây dựng bộ câu hỏi thường gặp về dịch vụ công cho trợ lý ảo",
    deliverable: null,
    deadlineIn: 45,
    creator: "gd.ttpvhcc@roviec.demo",
  },
  {
    lead: "CA-TP",
    owner: "cv.pc06@roviec.demo",
    programs: ["DA06"],
    title: "Xây dựng kế hoạch truyền thông Đề án 06 năm tới",
    deliverable: "Kế hoạch truyền thông được phê duyệt",
    deadlineIn: null,
    creator: "pgd.ca@roviec.demo",
  },
  {
    lead: null,
    owner: null,
    programs: [],
    title: "Số hóa tài liệu lưu trữ lịch sử của thành phố",
    deliverable: null,
    deadlineIn: null,
    creator: ADMIN,
  },
  {
    lead: "SYT",
    owner: "cv.syt@roviec.demo",
    programs: ["DA06"],
    title: "Thí điểm nhắc lịch tái khám qua ứng dụng VNeID",
    deliverable: "Báo cáo kết quả thí điểm",
    deadlineIn: 60,
    creator: "gd.syt@roviec.demo",
  },
  {
    lead: "P-BADINH",
    owner: "cv.badinh@roviec.demo",
    programs: ["CDS"],
    title: "Tổ chức ngày hội chuyển đổi số phường Ba Đình",
    deliverable: null,
    deadlineIn: 30,
    creator: "ct.badinh@roviec.demo",
  },
];

interface DocSeed {
  number: string;
  issuer: string;
  /** Days before today. */
  ago: number;
}

/** Assigning documents ("văn bản giao nhiệm vụ"); a task cites one issued before it. */
const DOCS: DocSeed[] = [
  { number: "01/KH-BCĐ", issuer: "Ban Chỉ đạo", ago: 470 },
  { number: "285/KH-UBND", issuer: "UBND thành phố", ago: 430 },
  { number: "15/KH-UBND", issuer: "UBND thành phố", ago: 380 },
  { number: "96/TB-BCĐ", issuer: "Ban Chỉ đạo", ago: 330 },
  { number: "128/KH-UBND", issuer: "UBND thành phố", ago: 285 },
  { number: "07/KH-BCĐ", issuer: "Ban Chỉ đạo", ago: 240 },
  { number: "215/TB-BCĐ", issuer: "Ban Chỉ đạo", ago: 200 },
  { number: "3526/QĐ-UBND", issuer: "UBND thành phố", ago: 165 },
  { number: "12/KH-BCĐ", issuer: "Ban Chỉ đạo", ago: 130 },
  { number: "341/TB-BCĐ", issuer: "Ban Chỉ đạo", ago: 100 },
  { number: "05/CT-UBND", issuer: "UBND thành phố", ago: 78 },
  { number: "402/TB-BCĐ", issuer: "Ban Chỉ đạo", ago: 55 },
  { number: "18/KH-BCĐ", issuer: "Ban Chỉ đạo", ago: 34 },
  { number: "455/TB-BCĐ", issuer: "Ban Chỉ đạo", ago: 16 },
];

const DOC_KINDS: Record<string, string> = { KH: "Kế hoạch", TB: "Thông báo", QĐ: "Quyết định", CT: "Chỉ thị" };

const NOTES = {
  early: [
    "Đã xây dựng kế hoạch triển khai chi tiết, phân công cán bộ đầu mối.",
    "Đã họp triển khai với các đơn vị phối hợp, thống nhất lộ trình.",
    "Đang khảo sát hiện trạng, thu thập số liệu đầu vào.",
    "Đã ban hành văn bản hướng dẫn, đề nghị các đơn vị cử đầu mối.",
  ],
  mid: [
    "Đã hoàn thành khảo sát; đang tổng hợp số liệu, xây dựng dự thảo.",
    "Đã gửi dự thảo lấy ý kiến các đơn vị phối hợp; đang tổng hợp góp ý.",
    "Đang triển khai theo kế hoạch; đã hoàn thành khoảng một nửa khối lượng.",
    "Đã triển khai tại một số địa bàn, đang nhân rộng.",
  ],
  late: [
    "Đã hoàn thiện dự thảo, trình lãnh đạo đơn vị xem xét.",
    "Đã tiếp thu ý kiến góp ý, hoàn thiện hồ sơ trình ký.",
    "Cơ bản hoàn thành; đang rà soát số liệu lần cuối.",
  ],
  blocked: [
    "Vướng mắc: chưa được bố trí kinh phí; đã đề nghị Sở Tài chính hướng dẫn.",
    "Đang chờ đơn vị phối hợp cung cấp số liệu.",
    "Đang chờ hướng dẫn nghiệp vụ của bộ, ngành Trung ương.",
    "Nhân sự đầu mối thay đổi sau sắp xếp bộ máy; đang bàn giao công việc.",
  ],
  /** Notes that only fit one program, added to the pools above for its tasks. */
  byProgram: {
    CCHC: {
      mid: ["Đã rà soát xong quy trình, đang cập nhật lên Hệ thống thông tin giải quyết thủ tục hành chính."],
      blocked: ["Khối lượng hồ sơ cần rà soát lớn, đang bổ sung nhân lực."],
    },
    CDS: {
      mid: ["Đang chạy thử nghiệm, ghi nhận lỗi để nhà thầu khắc phục."],
      blocked: ["Chậm do nhà thầu chưa bàn giao đúng tiến độ; đơn vị đã có văn bản đôn đốc."],
    },
    DA06: {
      mid: ["Đã phối hợp công an phường, xã tổ chức đợt cao điểm tại khu dân cư."],
      blocked: ["Dữ liệu còn sai lệch với Cơ sở dữ liệu quốc gia về dân cư; đang đối soát lại."],
    },
  } as Record<Program, { mid: string[]; blocked: string[] }>,
  done: [
    "Đã hoàn thành nhiệm vụ, gửi sản phẩm kèm theo.",
    "Hoàn thành; đã gửi Văn phòng UBND thành phố tổng hợp.",
    "Đã hoàn thành, sản phẩm đã được lãnh đạo đơn vị ký ban hành.",
  ],
  extensionReasons: {
    CCHC: [
      "Sắp xếp đơn vị hành chính, cần thời gian kiện toàn nhân sự đầu mối.",
      "Khối lượng hồ sơ cần rà soát lớn hơn dự kiến.",
      "Chờ ý kiến thẩm định của các sở, ngành liên quan.",
    ],
    CDS: [
      "Nhà thầu chậm bàn giao thiết bị; cần thêm thời gian lắp đặt, kiểm thử.",
      "Chưa được bố trí kinh phí; đang trình bổ sung dự toán.",
      "Chờ ý kiến thẩm định an toàn thông tin của Công an thành phố.",
    ],
    DA06: [
      "Chờ Bộ Công an nâng cấp ứng dụng VNeID để tích hợp tính năng.",
      "Khối lượng dữ liệu cần làm sạch, đối soát lớn hơn dự kiến.",
      "Sắp xếp đơn vị hành chính, cần thời gian kiện toàn nhân sự đầu mối.",
    ],
  } as Record<Program, string[]>,
  approve: [
    "Đồng ý gia hạn; đề nghị đơn vị hoàn thành đúng thời hạn mới.",
    "Đồng ý. Đây là lần gia hạn cuối cùng.",
    "Đồng ý; báo cáo tiến độ hằng tuần về Văn phòng UBND thành phố.",
  ],
  reject: [
    "Không đồng ý gia hạn; yêu cầu bố trí thêm nhân lực để hoàn thành đúng hạn.",
    "Không đồng ý; lý do chưa thuyết phục, đề nghị báo cáo giải trình.",
  ],
  evidencePaths: ["du-thao", "bien-ban-hop", "so-lieu-tong-hop", "hinh-anh-trien-khai"],
};

/** Where each unit publishes; evidence links point there. */
const HOSTS: Record<string, string> = {
  HN: "hanoi.gov.vn",
  "VP-UBND": "vpub.hanoi.gov.vn",
  "CA-TP": "congan.hanoi.gov.vn",
  SKHCN: "sokhcn.hanoi.gov.vn",
  SYT: "soyte.hanoi.gov.vn",
  STP: "sotuphap.hanoi.gov.vn",
  SNV: "sonoivu.hanoi.gov.vn",
  TTPVHCC: "dichvucong.hanoi.gov.vn",
};

// ---------------------------------------------------------------------------------------------
// Dates (calendar arithmetic comes from app/domain/dates; Hà Nội's clock rules are the demo's own)

const TIME_ZONE = "Asia/Ho_Chi_Minh";
/** Hà Nội keeps UTC+7 all year (no daylight saving), so a wall-clock time there is UTC minus 7 hours. */
const UTC_OFFSET_MINUTES = 7 * 60;

/** The calendar date (YYYY-MM-DD) in Hà Nội at `now`. */
export function demoToday(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

const minDate = (...dates: string[]) => dates.reduce((a, b) => (b < a ? b : a));
const maxDate = (...dates: string[]) => dates.reduce((a, b) => (b > a ? b : a));

/** An instant (ISO UTC) at `minuteOfDay` local time on `day`. */
function at(day: string, minuteOfDay: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d, 0, minuteOfDay - UTC_OFFSET_MINUTES)).toISOString();
}

/** The 1st..28th day `day` of the month `offset` months from `today`'s month. */
function dayOfMonth(today: string, offset: number, day: number): string {
  const [y, m] = today.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1 + offset, day)).toISOString().slice(0, 10);
}

function lastDayOfMonth(today: string, offset: number): string {
  const [y, m] = today.split("-").map(Number);
  return new Date(Date.UTC(y, m + offset, 0)).toISOString().slice(0, 10);
}

const dmy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

type Standing = "on_track" | "due_soon" | "overdue" | "done_on_time" | "done_late";
type Status = "draft" | "not_started" | "in_progress" | "done" | "cancelled";

/** Same rule as app/domain/task-rules.ts standing(): due soon = open and due within 7 days, the deadline day included. */
function standingOf(status: Status, deadline: string | null, completedOn: string | null, today: string): Standing | null {
  if (status === "draft" || status === "cancelled" || !deadline) return null;
  if (status === "done") return completedOn && completedOn <= deadline ? "done_on_time" : "done_late";
  if (deadline < today) return "overdue";
  if (deadline <= addDays(today, 7)) return "due_soon";
  return "on_track";
}

/** Overdue age bands of the government reports: 1–30, 31–60, 61–120, over 120 days. */
export const OVERDUE_BANDS = [
  { label: "1-30", from: 1, to: 30 },
  { label: "31-60", from: 31, to: 60 },
  { label: "61-120", from: 61, to: 120 },
  { label: ">120", from: 121, to: 300 },
] as const;

// ---------------------------------------------------------------------------------------------
// A deterministic PRNG (mulberry32, db/seeded-random.ts): the demo must not change between runs with the same `now`.

class Rng {
  /** A float in [0, 1). */
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

const SEED = 20250117; // the day of the article

// ---------------------------------------------------------------------------------------------
// The plan: every task with its history as events; the columns are derived from the events.

interface PlanExtension {
  requestedBy: string;
  requestedAt: string;
  previous: string;
  requested: string;
  reason: string;
  status: "pending" | "approved" | "rejected";
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
  id?: number;
}

type PlanEvent = {
  at: string;
  actor: string;
  version?: number;
  progressBefore?: number;
  statusBefore?: Status;
  statusAfter?: Status;
  extensionsBefore?: number;
} & (
  | { kind: "issue" | "create_draft" | "cascade" }
  | { kind: "progress"; progress: number; note: string; url: string | null }
  | { kind: "complete"; note: string; url: string }
  | { kind: "cancel"; reason: string }
  | { kind: "extension_request" | "extension_decide"; extension: PlanExtension }
);

interface PlanTask {
  title: string;
  description: string | null;
  deliverable: string | null;
  lead: string | null;
  owner: string | null;
  coord: string[];
  programs: Program[];
  goal: GoalKey | null;
  parent: PlanTask | null;
  priority: Priority;
  startDate: string | null;
  /** The deadline as first set (a draft's planned deadline, or an issued task's original deadline). */
  firstDeadline: string | null;
  doc: { number: string; date: string; issuer: string } | null;
  createdBy: string;
  isDraft: boolean;
  cascadeUnits: string[] | null;
  events: PlanEvent[];
  extensions: PlanExtension[];
  // Derived from the events by settle():
  status: Status;
  progress: number;
  deadline: string | null;
  extensionCount: number;
  issuedAt: string | null;
  completedAt: string | null;
  completedOn: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  lastUpdateAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  id?: number;
}

interface Scenario {
  standing: Standing;
  band?: 0 | 1 | 2 | 3;
  dueToday?: boolean;
  atRisk?: boolean;
  stale?: boolean;
  notStarted?: boolean;
  approved?: number;
  pending?: boolean;
  rejected?: boolean;
}

/** The standings of the regular tasks: fixed counts so every standing, band and queue is present whatever `now` is. */
function scenarios(total: number, rng: Rng): Scenario[] {
  const list: Scenario[] = [];
  const add = (count: number, s: Scenario) => {
    for (let i = 0; i < count; i++) list.push({ ...s });
  };
  add(3, { standing: "due_soon", dueToday: true });
  add(2, { standing: "due_soon", atRisk: true });
  add(2, { standing: "due_soon", pending: true });
  add(2, { standing: "due_soon", approved: 1 });
  add(1, { standing: "due_soon", notStarted: true });
  add(10, { standing: "due_soon" });
  add(4, { standing: "on_track", atRisk: true });
  add(3, { standing: "on_track", stale: true });
  add(2, { standing: "on_track", pending: true });
  add(2, { standing: "on_track", approved: 1 });
  add(1, { standing: "on_track", approved: 2 });
  add(1, { standing: "overdue", band: 0, approved: 1 });
  add(1, { standing: "overdue", band: 0, rejected: true });
  add(1, { standing: "overdue", band: 0, notStarted: true });
  add(2, { standing: "overdue", band: 0, stale: true });
  add(7, { standing: "overdue", band: 0 });
  add(1, { standing: "overdue", band: 1, approved: 1 });
  add(1, { standing: "overdue", band: 1, stale: true });
  add(6, { standing: "overdue", band: 1 });
  add(1, { standing: "overdue", band: 2, approved: 1 });
  add(1, { standing: "overdue", band: 2, notStarted: true });
  add(1, { standing: "overdue", band: 2, stale: true });
  add(4, { standing: "overdue", band: 2 });
  add(1, { standing: "overdue", band: 3, stale: true });
  add(5, { standing: "overdue", band: 3 });
  add(1, { standing: "done_late", approved: 1 });
  add(1, { standing: "done_late", approved: 2 });
  add(1, { standing: "done_late", rejected: true });
  add(21, { standing: "done_late" });
  add(2, { standing: "done_on_time", approved: 1 });
  add(70, { standing: "done_on_time" });
  if (list.length > total) throw new Error(`Demo seed: ${list.length} fixed scenarios for ${total} tasks`);
  add(total - list.length, { standing: "on_track" });
  return rng.shuffle(list);
}

class Planner {
  readonly tasks: PlanTask[] = [];
  private readonly ownerCounts = new Map<string, number>();
  private committeeTurn = 0;

  constructor(
    readonly today: string,
    readonly rng: Rng,
    private readonly parentOf: Map<string, string | undefined>,
    private readonly unitNames: Map<string, string>,
  ) {}

  /** Whether `unit` is `ancestor` or lies below it. */
  isUnder(unit: string, ancestor: string): boolean {
    for (let u: string | undefined = unit; u; u = this.parentOf.get(u)) if (u === ancestor) return true;
    return false;
  }

  private userOf(email: string) {
    const u = DEMO_USERS.find((x) => x.email === email);
    if (!u) throw new Error(`Demo seed: unknown user ${email}`);
    return u;
  }

  /** An owner from the lead unit or below, spreading the work (staff most). */
  chooseOwner(lead: string, explicit?: string): string {
    if (explicit) {
      if (!this.isUnder(this.userOf(explicit).unit, lead)) throw new Error(`Demo seed: ${explicit} is not in ${lead}`);
      this.ownerCounts.set(explicit, (this.ownerCounts.get(explicit) ?? 0) + 1);
      return explicit;
    }
    const weight = { staff: 3, head: 1.5, admin: 1.5, committee: 1 } as const;
    const candidates = DEMO_USERS.filter((u) => this.isUnder(u.unit, lead));
    if (candidates.length === 0) throw new Error(`Demo seed: nobody can own a task of ${lead}`);
    let best = candidates[0];
    let bestScore = Infinity;
    for (const u of candidates) {
      const score = ((this.ownerCounts.get(u.email) ?? 0) + 1) / weight[u.role] + this.rng.next() * 0.6;
      if (score < bestScore) [best, bestScore] = [u, score];
    }
    this.ownerCounts.set(best.email, (this.ownerCounts.get(best.email) ?? 0) + 1);
    return best.email;
  }

  /** Who issued it: the head of the lead unit (or of a unit above it) sometimes, the secretariat otherwise. */
  chooseCreator(lead: string): string {
    const heads = DEMO_USERS.filter((u) => u.role === "head" && this.isUnder(lead, u.unit));
    if (heads.length && this.rng.chance(0.4)) return this.rng.pick(heads).email;
    return this.rng.chance(0.6) ? ADMIN : SECRETARY;
  }

  committee(): string {
    return this.committeeTurn++ % 2 === 0 ? COMMITTEE_VICE : COMMITTEE_MEMBER;
  }

  /** A document issued at least two days before `issueDay`, or none. */
  chooseDoc(issueDay: string, probability: number) {
    if (!this.rng.chance(probability)) return null;
    const eligible = DOCS.map((d) => ({ ...d, date: addDays(this.today, -d.ago) })).filter((d) => d.date <= addDays(issueDay, -2));
    if (eligible.length === 0) return null;
    const d = this.rng.pick(eligible.slice(-3));
    return { number: d.number, date: d.date, issuer: d.issuer };
  }

  priority(given?: Priority): Priority {
    if (given) return given;
    const r = this.rng.next();
    return r < 0.06 ? "urgent" : r < 0.26 ? "high" : r < 0.88 ? "normal" : "low";
  }

  host(lead: string): string {
    let top = lead;
    while (this.parentOf.get(top) && this.parentOf.get(top) !== "HN") top = this.parentOf.get(top)!;
    return HOSTS[top] ?? `${top.replace(/^[PX]-/, "").toLowerCase()}.hanoi.gov.vn`;
  }

  evidenceUrl(task: PlanTask, kind: "done" | "progress"): string {
    const host = this.host(task.lead!);
    const n = this.tasks.indexOf(task) + 1;
    if (kind === "progress") return `https://${host}/tai-lieu/${n}-${this.rng.pick(NOTES.evidencePaths)}`;
    const slug = fold(task.deliverable ?? task.title)
      .replace(/[^a-z0-9]+/g, "-")
      .slice(0, 60)
      .replace(/^-+|-+$/g, "");
    return `https://${host}/van-ban/${n}-${slug}`;
  }

  wardText(code: string): string {
    const name = this.unitNames.get(code)!;
    return name.charAt(0).toLowerCase() + name.slice(1);
  }

  describe(doc: PlanTask["doc"], extra?: string): string | null {
    const parts: string[] = [];
    if (extra) parts.push(extra);
    if (doc) {
      const kind = DOC_KINDS[doc.number.split("/")[1].split("-")[0]] ?? "Văn bản";
      parts.push(`Thực hiện ${kind} số ${doc.number} ngày ${dmy(doc.date)} của ${doc.issuer}.`);
    }
    return parts.length ? parts.join(" ") : null;
  }

  newTask(
    fields: Pick<PlanTask, "title" | "deliverable" | "lead" | "owner" | "coord" | "programs" | "goal" | "priority" | "createdBy"> &
      Partial<PlanTask>,
  ): PlanTask {
    const task: PlanTask = {
      description: null,
      parent: null,
      startDate: null,
      firstDeadline: null,
      doc: null,
      isDraft: false,
      cascadeUnits: null,
      events: [],
      extensions: [],
      status: "not_started",
      progress: 0,
      deadline: null,
      extensionCount: 0,
      issuedAt: null,
      completedAt: null,
      completedOn: null,
      cancelledAt: null,
      cancelReason: null,
      lastUpdateAt: null,
      createdAt: "",
      updatedAt: "",
      version: 1,
      ...fields,
    };
    this.tasks.push(task);
    return task;
  }

  /** Days strictly between `from` and `to` (and `to` itself when `includeEnd`), ascending, at most `k`. */
  spreadDays(from: string, to: string, k: number, includeEnd: boolean): string[] {
    const span = daysBetween(from, to);
    const inner: number[] = [];
    for (let i = 1; i < span; i++) inner.push(i);
    this.rng.shuffle(inner);
    const wanted = includeEnd ? Math.min(k - 1, inner.length) : Math.min(k, inner.length);
    const chosen = inner
      .slice(0, Math.max(0, wanted))
      .sort((a, b) => a - b)
      .map((i) => addDays(from, i));
    if (includeEnd && k > 0 && span > 0) chosen.push(to);
    return chosen;
  }

  /** `k` strictly rising multiples of 5 ending at `last`. */
  rising(k: number, last: number): number[] {
    const slots: number[] = [];
    for (let v = 5; v < last; v += 5) slots.push(v);
    this.rng.shuffle(slots);
    return [...slots.slice(0, Math.max(0, k - 1)).sort((a, b) => a - b), last];
  }

  noteFor(task: PlanTask, progress: number, blocked: boolean): string {
    const own = NOTES.byProgram[task.programs[0]];
    if (blocked) return this.rng.pick([...NOTES.blocked, ...own.blocked]);
    return this.rng.pick(progress <= 30 ? NOTES.early : progress <= 70 ? [...NOTES.mid, ...own.mid] : NOTES.late);
  }

  /** Posts progress updates on the given days, ending at `last`. */
  postProgress(task: PlanTask, days: string[], last: number, blockedLast: boolean) {
    if (days.length === 0) return;
    const values = this.rising(days.length, last);
    days = days.slice(days.length - values.length);
    days.forEach((day, i) => {
      const progress = values[i];
      const isLast = i === days.length - 1;
      task.events.push({
        kind: "progress",
        at: at(day, this.rng.int(10 * 60, 17 * 60)),
        actor: task.owner!,
        progress,
        note: this.noteFor(task, progress, isLast && blockedLast),
        url: this.rng.chance(0.3) ? this.evidenceUrl(task, "progress") : null,
      });
    });
  }

  complete(task: PlanTask, day: string) {
    task.events.push({
      kind: "complete",
      at: at(day, this.rng.int(14 * 60, 17 * 60 + 30)),
      actor: task.owner!,
      note: `${this.rng.pick(NOTES.done)} Sản phẩm: ${task.deliverable}.`,
      url: this.evidenceUrl(task, "done"),
    });
  }

  issue(task: PlanTask, day: string, kind: "issue" | "cascade" = "issue", time?: string) {
    task.events.unshift({ kind, at: time ?? at(day, this.rng.int(8 * 60, 10 * 60)), actor: task.createdBy });
  }

  requestExtension(
    task: PlanTask,
    requestDay: string,
    previous: string,
    requested: string,
    decision: { day: string; approve: boolean } | null,
    reason?: string,
  ) {
    const extension: PlanExtension = {
      requestedBy: task.owner!,
      requestedAt: at(requestDay, this.rng.int(9 * 60, 16 * 60)),
      previous,
      requested,
      reason: reason ?? this.rng.pick(NOTES.extensionReasons[task.programs[0]]),
      status: decision ? (decision.approve ? "approved" : "rejected") : "pending",
      decidedBy: decision ? this.committee() : null,
      decidedAt: decision ? at(decision.day, this.rng.int(8 * 60, 17 * 60)) : null,
      note: decision ? this.rng.pick(decision.approve ? NOTES.approve : NOTES.reject) : null,
    };
    if (extension.decidedAt && extension.decidedAt <= extension.requestedAt) extension.decidedAt = at(decision!.day, 17 * 60 + 30);
    task.extensions.push(extension);
    task.events.push({ kind: "extension_request", at: extension.requestedAt, actor: extension.requestedBy, extension });
    if (decision) task.events.push({ kind: "extension_decide", at: extension.decidedAt!, actor: extension.decidedBy!, extension });
  }

  /** A regular task's life for its scenario: deadlines, extensions, issue day, progress, completion. */
  live(task: PlanTask, s: Scenario) {
    const { today: T, rng } = this;
    const yesterday = addDays(T, -1);
    let D: string;
    switch (s.standing) {
      case "on_track":
        D = addDays(T, s.atRisk ? rng.int(9, 20) : s.approved ? rng.int(20, 120) : rng.int(8, 200));
        break;
      case "due_soon":
        D = addDays(T, s.dueToday ? 0 : rng.int(1, 7));
        break;
      case "overdue": {
        const band = OVERDUE_BANDS[s.band ?? 0];
        D = addDays(T, -rng.int(band.from, band.to));
        break;
      }
      case "done_on_time":
        D = addDays(T, rng.int(-240, 45));
        break;
      case "done_late":
        D = addDays(T, -rng.int(5, 240));
        break;
    }
    // Approved extensions: the deadline was moved n times, each requested before the deadline then in force.
    const deadlines = [D];
    for (let k = 0; k < (s.approved ?? 0); k++) deadlines.unshift(addDays(deadlines[0], -rng.int(14, 45)));
    const n = deadlines.length - 1;
    const approvals: Array<{ request: string; decided: string }> = [];
    for (let k = 0; k < n; k++) {
      const request = minDate(addDays(deadlines[k], -rng.int(2, 8)), addDays(T, -3 - 6 * (n - 1 - k)));
      approvals.push({ request, decided: minDate(addDays(request, rng.int(1, 3)), addDays(T, -2)) });
    }
    let C: string | null = null;
    if (s.standing === "done_on_time") {
      C = addDays(minDate(D, yesterday), -rng.int(0, 20));
      if (approvals.length && C <= approvals[n - 1].decided) C = addDays(approvals[n - 1].decided, 1);
    } else if (s.standing === "done_late") {
      C = addDays(D, rng.int(1, Math.min(45, daysBetween(D, yesterday))));
    }
    const candidates = [addDays(deadlines[0], -rng.int(30, 150)), addDays(T, -rng.int(2, 12))];
    if (approvals.length) candidates.push(addDays(approvals[0].request, -rng.int(5, 25)));
    if (C) candidates.push(addDays(C, -rng.int(10, 60)));
    if (s.stale) candidates.push(addDays(T, -rng.int(100, 150)));
    if (s.atRisk) candidates.push(addDays(T, -3 * daysBetween(T, D) - rng.int(15, 40)));
    if (s.rejected) candidates.push(addDays(D, -rng.int(20, 60)));
    const I = minDate(...candidates);

    task.firstDeadline = deadlines[0];
    task.doc = this.chooseDoc(I, 0.7);
    task.startDate = rng.chance(0.4) ? I : null;
    this.issue(task, I);
    approvals.forEach((a, k) => this.requestExtension(task, a.request, deadlines[k], deadlines[k + 1], { day: a.decided, approve: true }));
    if (s.rejected) {
      const request = minDate(maxDate(addDays(D, -rng.int(3, 7)), addDays(I, 2)), addDays(T, -3));
      const decided = minDate(addDays(request, rng.int(1, 3)), D, addDays(T, -2));
      this.requestExtension(task, request, D, addDays(D, rng.int(20, 40)), { day: decided, approve: false });
    }
    if (s.pending) {
      const request = maxDate(addDays(T, -rng.int(1, 3)), addDays(I, 1));
      this.requestExtension(task, request, D, addDays(D, rng.int(15, 45)), null);
    }

    if (C) {
      this.postProgress(task, this.spreadDays(I, C, rng.int(0, 3), false), rng.int(4, 18) * 5, false);
      this.complete(task, C);
      return;
    }
    const elapsed = daysBetween(I, T) / Math.max(1, daysBetween(I, D));
    const plain = !s.stale && !s.atRisk && !s.pending && !s.approved;
    if (s.notStarted || (s.standing === "on_track" && plain && elapsed < 0.25 && rng.chance(0.6))) return;
    let P: number;
    if (s.atRisk) P = rng.pick([5, 10, 15, 20]);
    else if (s.standing === "on_track") P = Math.min(90, Math.max(5, Math.round((elapsed * 100 + rng.int(-15, 15)) / 5) * 5));
    else if (s.standing === "due_soon") P = rng.int(10, 19) * 5;
    else P = rng.int(4, 18) * 5;
    const last = maxDate(s.stale ? addDays(T, -rng.int(31, 75)) : addDays(T, -rng.int(1, 14)), addDays(I, 1));
    const blocked = s.standing === "overdue" || Boolean(s.stale);
    this.postProgress(task, this.spreadDays(I, last, Math.min(rng.int(1, 4), P / 5), true), P, blocked && rng.chance(0.7));
  }

  /** Derives the columns from the events, checking each step the way the app would. */
  settle(task: PlanTask) {
    task.events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const first = task.events[0];
    if (!first || !["issue", "create_draft", "cascade"].includes(first.kind))
      throw new Error(`Demo seed: "${task.title}" has no creation event first`);
    task.createdAt = task.updatedAt = first.at;
    task.status = task.isDraft ? "draft" : "not_started";
    task.issuedAt = task.isDraft ? null : first.at;
    task.deadline = task.firstDeadline;
    task.progress = 0;
    task.version = 1;
    first.version = 1;
    const limit = new Date(
      Date.UTC(Number(this.today.slice(0, 4)), Number(this.today.slice(5, 7)) - 1, Number(this.today.slice(8, 10)), 0, -UTC_OFFSET_MINUTES),
    ).toISOString();
    if (first.at >= limit) throw new Error(`Demo seed: "${task.title}" is created today or later`);
    for (const ev of task.events.slice(1)) {
      if (ev.at >= limit) throw new Error(`Demo seed: "${task.title}" has an event today or later (${ev.at})`);
      ev.progressBefore = task.progress;
      ev.statusBefore = task.status;
      ev.extensionsBefore = task.extensionCount;
      const open = task.status === "not_started" || task.status === "in_progress";
      switch (ev.kind) {
        case "progress":
          if (!open || ev.progress <= 0) throw new Error(`Demo seed: bad progress on "${task.title}"`);
          task.progress = ev.progress;
          task.status = "in_progress";
          task.lastUpdateAt = task.updatedAt = ev.at;
          ev.version = ++task.version;
          break;
        case "complete":
          if (!open) throw new Error(`Demo seed: completing "${task.title}" from ${task.status}`);
          task.progress = 100;
          task.status = "done";
          task.completedAt = task.lastUpdateAt = task.updatedAt = ev.at;
          task.completedOn = demoToday(new Date(ev.at));
          ev.version = ++task.version;
          break;
        case "cancel":
          task.status = "cancelled";
          task.cancelledAt = task.updatedAt = ev.at;
          task.cancelReason = ev.reason;
          ev.version = ++task.version;
          break;
        case "extension_request":
          if (!open || !task.deadline || ev.extension.previous !== task.deadline || demoToday(new Date(ev.at)) > task.deadline)
            throw new Error(`Demo seed: extension request on "${task.title}" breaks the rules`);
          break;
        case "extension_decide":
          if (ev.extension.status === "approved") {
            if (!open || task.deadline !== ev.extension.previous)
              throw new Error(`Demo seed: approval on "${task.title}" breaks the rules`);
            task.deadline = ev.extension.requested;
            task.extensionCount += 1;
            task.updatedAt = ev.at;
            ev.version = ++task.version;
          } else {
            ev.version = task.version;
          }
          break;
        default:
          throw new Error(`Demo seed: a second creation event on "${task.title}"`);
      }
      ev.statusAfter = task.status;
    }
    if (task.startDate && task.deadline && task.startDate > task.deadline)
      throw new Error(`Demo seed: "${task.title}" starts after its deadline`);
  }
}

/** Builds the whole demo plan for `today`. */
function planDemo(today: string, parentOf: Map<string, string | undefined>, unitNames: Map<string, string>): Planner {
  const rng = new Rng(SEED);
  const p = new Planner(today, rng, parentOf, unitNames);
  const T = today;

  // Cascades first, so the children are owned by the ward heads before the ward tasks are shared out.
  for (const c of CASCADES) {
    const D = addDays(T, c.deadlineIn);
    const I = addDays(D, -c.span);
    const doc = p.chooseDoc(I, 1);
    const base = {
      title: c.title,
      deliverable: c.deliverable,
      coord: c.coord,
      programs: c.programs,
      goal: c.goal,
      priority: "high" as Priority,
      createdBy: c.issuer,
      doc,
      firstDeadline: D,
      startDate: I,
    };
    const parent = p.newTask({
      ...base,
      lead: c.lead,
      owner: p.chooseOwner(c.lead, c.owner),
      description: p.describe(doc, c.description),
      cascadeUnits: c.children.map((ch) => ch.ward),
    });
    const time = at(I, 8 * 60 + 30);
    p.issue(parent, I, "cascade", time);
    let doneCount = 0;
    let sum = 0;
    for (const ch of c.children) {
      const head = DEMO_USERS.find((u) => u.unit === ch.ward && u.role === "head") ?? DEMO_USERS.find((u) => p.isUnder(u.unit, ch.ward));
      if (!head) throw new Error(`Demo seed: nobody in ${ch.ward}`);
      const child = p.newTask({
        ...base,
        coord: [],
        lead: ch.ward,
        owner: p.chooseOwner(ch.ward, head.email),
        description: parent.description,
        parent,
      });
      p.issue(child, I, "issue", time);
      if (ch.outcome === "on_time" || ch.outcome === "late") {
        const C =
          ch.outcome === "on_time"
            ? maxDate(minDate(addDays(D, -rng.int(3, 10)), addDays(T, -1)), addDays(I, 5))
            : minDate(addDays(D, rng.int(2, 8)), addDays(T, -1));
        p.postProgress(child, p.spreadDays(I, C, rng.int(1, 2), false), rng.int(8, 16) * 5, false);
        p.complete(child, C);
        doneCount += 1;
        sum += 100;
      } else {
        sum += ch.outcome;
        if (ch.outcome > 0) {
          const last = maxDate(addDays(T, -rng.int(1, 10)), addDays(I, 1));
          p.postProgress(child, p.spreadDays(I, last, Math.min(3, ch.outcome / 5), true), ch.outcome, D < T);
        }
        if (ch.pending) {
          p.requestExtension(
            child,
            addDays(T, -rng.int(1, 2)),
            D,
            addDays(D, 20),
            null,
            "Địa bàn xã rộng, dân cư phân tán; cần thêm thời gian tổ chức các đợt cao điểm tại thôn, xóm.",
          );
        }
      }
    }
    const avg = Math.round(sum / c.children.length / 5) * 5;
    if (avg > 0) {
      parent.events.push({
        kind: "progress",
        at: at(addDays(T, -1), 16 * 60 + 45),
        actor: parent.owner!,
        progress: avg,
        note: `Tổng hợp: ${doneCount}/${c.children.length} phường, xã đã hoàn thành; các đơn vị còn lại đang triển khai.`,
        url: null,
      });
    }
  }

  // Regular tasks: departments, the committee, then the wards.
  const regular: Array<{ template: TaskTemplate; lead: string; title: string }> = DEPARTMENT_TASKS.map((t) => ({
    template: t,
    lead: t.lead,
    title: t.title,
  }));
  for (const [ward, indexes] of WARD_ASSIGNMENTS) {
    for (const i of indexes)
      regular.push({ template: WARD_TASKS[i], lead: ward, title: WARD_TASKS[i].title.replace("{w}", p.wardText(ward)) });
  }
  const plan = scenarios(regular.length, rng);
  regular.forEach(({ template, lead, title }, i) => {
    const task = p.newTask({
      title,
      deliverable: template.deliverable,
      lead,
      owner: p.chooseOwner(lead, template.owner),
      coord: (template.coord ?? []).filter((c) => c !== lead),
      programs: template.programs,
      goal: template.goal ?? null,
      priority: p.priority(template.priority),
      createdBy: lead === "HN" ? ADMIN : p.chooseCreator(lead),
    });
    p.live(task, plan[i]);
    task.description = p.describe(task.doc, template.description);
  });

  // Periodic reports, due on the 27th (the period's figures are cut off on the 25th).
  const ROMAN = ["I", "II", "III", "IV"];
  for (const series of PERIODIC) {
    const periods: Array<{ D: string; period: string }> = [];
    for (let k = series.count - 1; k >= 0; k--) {
      if (series.every === "month") {
        const D = dayOfMonth(T, -k, 27);
        periods.push({ D, period: `tháng ${Number(D.slice(5, 7))}/${D.slice(0, 4)}` });
      } else {
        const month = Number(T.slice(5, 7));
        const D = dayOfMonth(T, Math.ceil(month / 3) * 3 - month - 3 * k, 27);
        periods.push({ D, period: `quý ${ROMAN[Math.ceil(Number(D.slice(5, 7)) / 3) - 1]}/${D.slice(0, 4)}` });
      }
    }
    const latestPast = periods.map((x) => x.D < T).lastIndexOf(true);
    periods.forEach(({ D, period }, index) => {
      const I = minDate(addDays(D, series.every === "month" ? -26 : -85), addDays(T, -2));
      const task = p.newTask({
        title: series.title.replace("{p}", period),
        deliverable: series.deliverable,
        lead: series.lead,
        owner: p.chooseOwner(series.lead, series.owner),
        coord: [],
        programs: series.programs,
        goal: series.goal ?? null,
        priority: "normal",
        createdBy: series.lead === "VP-UBND" ? SECRETARY : ADMIN,
        firstDeadline: D,
      });
      task.doc = p.chooseDoc(I, 0.5);
      task.description = p.describe(task.doc);
      p.issue(task, I);
      if (D < T && series.latePastOpen && index === latestPast) {
        p.postProgress(task, p.spreadDays(I, maxDate(addDays(T, -rng.int(1, 3)), addDays(I, 1)), 2, true), rng.int(14, 17) * 5, true);
      } else if (D < T) {
        const late = rng.chance(0.2);
        const C = maxDate(minDate(late ? addDays(D, rng.int(1, 4)) : addDays(D, -rng.int(0, 3)), addDays(T, -1)), addDays(I, 1));
        p.postProgress(task, p.spreadDays(I, C, rng.int(0, 1), false), rng.int(8, 16) * 5, false);
        p.complete(task, C);
      } else {
        const elapsed = daysBetween(I, T) / Math.max(1, daysBetween(I, D));
        if (elapsed >= 0.35) {
          const P = Math.max(5, Math.round((elapsed * 80) / 5) * 5);
          p.postProgress(task, p.spreadDays(I, maxDate(addDays(T, -rng.int(1, 5)), addDays(I, 1)), 2, true), P, false);
        }
      }
    });
  }

  // Cancelled by the committee, with the reason.
  CANCELLED_TASKS.forEach((c, i) => {
    const D = addDays(T, rng.int(-30, 90));
    const I = minDate(addDays(T, -rng.int(60, 130)), addDays(D, -20));
    const cancelDay = addDays(T, -rng.int(5, 40));
    const task = p.newTask({
      title: c.title,
      deliverable: c.deliverable,
      lead: c.lead,
      owner: p.chooseOwner(c.lead, c.owner),
      coord: c.coord ?? [],
      programs: c.programs,
      goal: c.goal ?? null,
      priority: p.priority(),
      createdBy: p.chooseCreator(c.lead),
      firstDeadline: D,
    });
    task.doc = p.chooseDoc(I, 0.6);
    task.description = p.describe(task.doc);
    p.issue(task, I);
    if (i % 2 === 0) p.postProgress(task, p.spreadDays(I, addDays(cancelDay, -3), 1, true), rng.int(2, 8) * 5, false);
    task.events.push({
      kind: "cancel",
      at: at(cancelDay, rng.int(9 * 60, 16 * 60)),
      actor: i % 2 === 0 ? ADMIN : COMMITTEE_VICE,
      reason: c.reason,
    });
  });

  // Drafts: not issued, most missing one of the five.
  for (const d of DRAFTS) {
    const task = p.newTask({
      title: d.title,
      deliverable: d.deliverable,
      lead: d.lead,
      owner: d.lead && d.owner ? p.chooseOwner(d.lead, d.owner) : d.owner,
      coord: [],
      programs: d.programs,
      goal: null,
      priority: "normal",
      createdBy: d.creator,
      isDraft: true,
      firstDeadline: d.deadlineIn === null ? null : addDays(T, d.deadlineIn),
    });
    task.events.push({ kind: "create_draft", at: at(addDays(T, -rng.int(1, 25)), rng.int(8 * 60, 17 * 60)), actor: d.creator });
  }

  for (const task of p.tasks) p.settle(task);
  return p;
}

// ---------------------------------------------------------------------------------------------
// Writing

export interface SeedSummary {
  today: string;
  units: number;
  users: number;
  goals: number;
  goalReadings: number;
  tasks: number;
  byStatus: Record<Status, number>;
  byStanding: Record<Standing, number>;
  overdueBands: Record<string, number>;
  extensions: { approved: number; pending: number; rejected: number };
  cascades: number;
  cascadeChildren: number;
  updates: number;
  evidence: number;
  auditEvents: number;
  taskStates: number;
}

let lastSummary: SeedSummary | null = null;

export function formatSeedSummary(s: SeedSummary): string {
  const list = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
  return [
    `Demo data (today ${s.today} in ${TIME_ZONE}): ${s.units} units, ${s.users} users, ${s.goals} goals (${s.goalReadings} readings), ${s.tasks} tasks.`,
    `  by status:   ${list(s.byStatus)}`,
    `  by standing: ${list(s.byStanding)}`,
    `  overdue by days: ${list(s.overdueBands)}`,
    `  extensions: ${list(s.extensions)}; cascades: ${s.cascades} with ${s.cascadeChildren} children; ${s.updates} updates, ${s.evidence} evidence links, ${s.auditEvents} history events, ${s.taskStates} task states`,
  ].join("\n");
}

const nfc = (value: string) => value.normalize("NFC");
const nfcOrNull = (value: string | null) => (value === null ? null : nfc(value));

async function insertMany<T extends keyof Database & string>(
  trx: Transaction<Database>,
  table: T,
  rows: InsertObject<Database, T>[],
  chunk = 200,
) {
  for (let i = 0; i < rows.length; i += chunk)
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + chunk))
      .execute();
}

async function writeGoals(trx: Transaction<Database>, today: string, unitIds: Map<string, number>, userIds: Map<string, number>) {
  const goalIds = new Map<GoalKey, number>();
  let readings = 0;
  for (const g of GOALS) {
    const title = nfc(g.title);
    const values = g.readings.map(([monthsAgo, value]) => {
      const asOf = dayOfMonth(today, -monthsAgo, 25);
      return { asOf, value, recordedAt: at(addDays(asOf, 1), 9 * 60 + 30) };
    });
    const head = DEMO_USERS.find((u) => u.unit === g.lead && u.role === "head");
    const row = await trx
      .insertInto("goals")
      .values({
        program_code: g.program,
        title,
        title_folded: fold(title),
        description: nfc(g.description),
        lead_unit_id: unitIds.get(g.lead)!,
        due_date: lastDayOfMonth(today, g.dueMonths),
        indicator_name: nfc(g.indicator),
        indicator_unit: nfc(g.unit),
        indicator_target: g.target,
        indicator_baseline: g.baseline,
        created_by: userIds.get(ADMIN)!,
        created_at: at(addDays(today, -240), 9 * 60),
        updated_at: values[values.length - 1].recordedAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    goalIds.set(g.key, row.id);
    await insertMany(
      trx,
      "goal_indicator_values",
      values.map((v) => ({
        goal_id: row.id,
        value: v.value,
        as_of: v.asOf,
        note: nfc(`Số liệu tính đến ngày ${dmy(v.asOf)}.`),
        recorded_by: userIds.get(head?.email ?? SECRETARY)!,
        created_at: v.recordedAt,
      })),
    );
    readings += values.length;
  }
  return { goalIds, readings };
}

async function writeTasks(
  trx: Transaction<Database>,
  planner: Planner,
  ids: { units: Map<string, number>; users: Map<string, number>; goals: Map<GoalKey, number> },
) {
  const user = (email: string) => ids.users.get(email)!;
  const programs: Array<{ task_id: number; program_code: string }> = [];
  const coordinating: Array<{ task_id: number; unit_id: number }> = [];
  for (const t of planner.tasks) {
    const title = nfc(t.title);
    const description = nfcOrNull(t.description);
    const deliverable = nfcOrNull(t.deliverable);
    const row = await trx
      .insertInto("tasks")
      .values({
        title,
        description,
        search_folded: fold([title, description ?? "", deliverable ?? "", t.doc?.number ?? ""].join(" ")),
        owner_id: t.owner ? user(t.owner) : null,
        lead_unit_id: t.lead ? ids.units.get(t.lead)! : null,
        start_date: t.startDate,
        deadline: t.deadline,
        original_deadline: t.isDraft ? null : t.firstDeadline,
        extension_count: t.extensionCount,
        deliverable,
        goal_id: t.goal ? ids.goals.get(t.goal)! : null,
        parent_id: t.parent ? t.parent.id! : null,
        priority: t.priority,
        status: t.status,
        progress: t.progress,
        issued_at: t.issuedAt,
        completed_at: t.completedAt,
        completed_on: t.completedOn,
        cancelled_at: t.cancelledAt,
        cancel_reason: nfcOrNull(t.cancelReason),
        last_update_at: t.lastUpdateAt,
        source_doc_number: t.doc ? nfc(t.doc.number) : null,
        source_doc_date: t.doc?.date ?? null,
        source_doc_issuer: t.doc ? nfc(t.doc.issuer) : null,
        created_by: user(t.createdBy),
        created_at: t.createdAt,
        updated_at: t.updatedAt,
        version: t.version,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    t.id = row.id;
    for (const p of t.programs) programs.push({ task_id: row.id, program_code: p });
    for (const c of t.coord) coordinating.push({ task_id: row.id, unit_id: ids.units.get(c)! });
  }
  await insertMany(trx, "task_programs", programs);
  await insertMany(trx, "task_coordinating_units", coordinating);

  for (const t of planner.tasks) {
    for (const x of t.extensions) {
      const row = await trx
        .insertInto("task_extensions")
        .values({
          task_id: t.id!,
          requested_by: user(x.requestedBy),
          requested_at: x.requestedAt,
          previous_deadline: x.previous,
          requested_deadline: x.requested,
          reason: nfc(x.reason),
          status: x.status,
          decided_by: x.decidedBy ? user(x.decidedBy) : null,
          decided_at: x.decidedAt,
          decision_note: nfcOrNull(x.note),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      x.id = row.id;
    }
  }

  // Updates, evidence and the history (audit_events, entity "task"), shaped as app/models/task.server.ts writes them.
  const evidence: InsertObject<Database, "task_evidence">[] = [];
  const audit: InsertObject<Database, "audit_events">[] = [];
  let updates = 0;
  const history = (t: PlanTask, ev: PlanEvent, action: string, data: Record<string, unknown>) =>
    audit.push({
      occurred_at: ev.at,
      actor_user_id: user(ev.actor),
      action,
      entity_type: "task",
      entity_id: String(t.id),
      data: JSON.stringify(data),
      ip: null,
    });
  const addUpdate = async (
    t: PlanTask,
    ev: PlanEvent,
    kind: "progress" | "done" | "cancel",
    progress: number,
    note: string,
    url: string | null,
  ) => {
    const row = await trx
      .insertInto("task_updates")
      .values({ task_id: t.id!, author_id: user(ev.actor), kind, progress, note: nfc(note), created_at: ev.at })
      .returning("id")
      .executeTakeFirstOrThrow();
    updates += 1;
    if (url) evidence.push({ task_id: t.id!, update_id: row.id, kind: "link", url, uploaded_by: user(ev.actor), created_at: ev.at });
  };
  const statusChange = (ev: PlanEvent) =>
    ev.statusBefore !== ev.statusAfter ? { status: { before: ev.statusBefore, after: ev.statusAfter } } : {};

  for (const t of planner.tasks) {
    for (const ev of t.events) {
      switch (ev.kind) {
        case "issue":
        case "create_draft":
        case "cascade": {
          const after: Record<string, unknown> = {
            title: nfc(t.title),
            description: nfcOrNull(t.description),
            ownerId: t.owner ? user(t.owner) : null,
            leadUnitId: t.lead ? ids.units.get(t.lead)! : null,
            coordinatingUnitIds: t.coord.map((c) => ids.units.get(c)!),
            deadline: t.firstDeadline,
            startDate: t.startDate,
            deliverable: nfcOrNull(t.deliverable),
            programs: t.programs,
            goalId: t.goal ? ids.goals.get(t.goal)! : null,
            priority: t.priority,
            sourceDocNumber: t.doc ? nfc(t.doc.number) : null,
            sourceDocDate: t.doc?.date ?? null,
            sourceDocIssuer: t.doc ? nfc(t.doc.issuer) : null,
            status: t.isDraft ? "draft" : "not_started",
          };
          const changes = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, { before: null, after: v }]));
          if (ev.kind === "cascade")
            history(t, ev, "task.cascade", { version: 1, changes, units: t.cascadeUnits!.map((u) => ids.units.get(u)!) });
          else if (t.parent) history(t, ev, "task.issue", { version: 1, parentId: t.parent.id, changes });
          else history(t, ev, ev.kind === "issue" ? "task.issue" : "task.create_draft", { version: 1, changes });
          break;
        }
        case "progress":
          await addUpdate(t, ev, "progress", ev.progress, ev.note, ev.url);
          history(t, ev, "task.progress", {
            version: ev.version,
            changes: { progress: { before: ev.progressBefore, after: ev.progress }, ...statusChange(ev) },
            note: nfc(ev.note),
            evidence: ev.url,
          });
          break;
        case "complete":
          await addUpdate(t, ev, "done", 100, ev.note, ev.url);
          history(t, ev, "task.complete", {
            version: ev.version,
            changes: { ...(ev.progressBefore !== 100 ? { progress: { before: ev.progressBefore, after: 100 } } : {}), ...statusChange(ev) },
            note: nfc(ev.note),
            evidence: ev.url,
          });
          break;
        case "cancel":
          await addUpdate(t, ev, "cancel", ev.progressBefore ?? 0, ev.reason, null);
          history(t, ev, "task.cancel", { version: ev.version, changes: statusChange(ev), reason: nfc(ev.reason) });
          break;
        case "extension_request":
          history(t, ev, "task.extension_request", {
            extensionId: ev.extension.id,
            deadline: { current: ev.extension.previous, requested: ev.extension.requested },
            reason: nfc(ev.extension.reason),
          });
          break;
        case "extension_decide": {
          const approved = ev.extension.status === "approved";
          history(t, ev, approved ? "task.extension_approve" : "task.extension_reject", {
            version: ev.version,
            extensionId: ev.extension.id,
            changes: approved
              ? {
                  deadline: { before: ev.extension.previous, after: ev.extension.requested },
                  extensionCount: { before: ev.extensionsBefore, after: (ev.extensionsBefore ?? 0) + 1 },
                }
              : {},
            note: nfcOrNull(ev.extension.note),
          });
          break;
        }
      }
    }
  }
  await insertMany(trx, "task_evidence", evidence);
  // One timeline for the whole log: ids rise with time, as if the events had happened one by one.
  audit.sort((a, b) => (a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : 0));
  await insertMany(trx, "audit_events", audit);

  // The rollup-relevant state after each change, on the same single timeline (a stable sort keeps a
  // task's own rows, and a cascade's parent before its children, in the order they happened).
  const states = planner.tasks.flatMap((t) => taskStates(t, ids));
  states.sort((a, b) => (a.valid_from < b.valid_from ? -1 : a.valid_from > b.valid_from ? 1 : 0));
  await insertMany(trx, "task_states", states);
  return { updates, evidence: evidence.length, auditEvents: audit.length, taskStates: states.length };
}

/**
 * The task_states rows of one task, as app/models/task.server.ts recordTaskState() writes them: one in
 * every transaction that writes the task (creation, each progress update, completion, cancellation,
 * each extension decision — a rejection repeats the state, as in the app); none for an extension
 * request, which leaves the task alone. The seed never edits a task's lead, owner, goal, programs or
 * coordinating units, so only status, deadline, completion and the extension count move.
 */
function taskStates(
  t: PlanTask,
  ids: { units: Map<string, number>; users: Map<string, number>; goals: Map<GoalKey, number> },
): InsertObject<Database, "task_states">[] {
  const fixed = {
    task_id: t.id!,
    lead_unit_id: t.lead ? ids.units.get(t.lead)! : null,
    owner_id: t.owner ? ids.users.get(t.owner)! : null,
    goal_id: t.goal ? ids.goals.get(t.goal)! : null,
    programs: [...t.programs].sort().join(","),
    coordinating_unit_ids: t.coord
      .map((c) => ids.units.get(c)!)
      .sort((a, b) => a - b)
      .join(","),
  };
  let status: Status = t.isDraft ? "draft" : "not_started";
  let deadline = t.firstDeadline;
  let completedOn: string | null = null;
  let extensionCount = 0;
  const rows: InsertObject<Database, "task_states">[] = [];
  for (const ev of t.events) {
    switch (ev.kind) {
      case "issue":
      case "create_draft":
      case "cascade":
        break;
      case "progress":
        status = "in_progress";
        break;
      case "complete":
        status = "done";
        completedOn = demoToday(new Date(ev.at));
        break;
      case "cancel":
        status = "cancelled";
        break;
      case "extension_request":
        continue;
      case "extension_decide":
        if (ev.extension.status === "approved") {
          deadline = ev.extension.requested;
          extensionCount += 1;
        }
        break;
    }
    if (ev.statusAfter !== undefined && ev.statusAfter !== status)
      throw new Error(`Demo seed: the states of "${t.title}" drift from its history`);
    rows.push({ ...fixed, valid_from: ev.at, status, deadline, completed_on: completedOn, extension_count: extensionCount });
  }
  if (status !== t.status || deadline !== t.deadline || completedOn !== t.completedOn || extensionCount !== t.extensionCount) {
    throw new Error(`Demo seed: the last state of "${t.title}" is not the task as written`);
  }
  return rows;
}

function summarize(
  planner: Planner,
  counts: Omit<SeedSummary, "today" | "tasks" | "byStatus" | "byStanding" | "overdueBands" | "extensions" | "cascades" | "cascadeChildren">,
): SeedSummary {
  const today = planner.today;
  const byStatus: Record<Status, number> = { draft: 0, not_started: 0, in_progress: 0, done: 0, cancelled: 0 };
  const byStanding: Record<Standing, number> = { on_track: 0, due_soon: 0, overdue: 0, done_on_time: 0, done_late: 0 };
  const overdueBands: Record<string, number> = Object.fromEntries(OVERDUE_BANDS.map((b) => [b.label, 0]));
  const extensions = { approved: 0, pending: 0, rejected: 0 };
  for (const t of planner.tasks) {
    byStatus[t.status] += 1;
    const s = standingOf(t.status, t.deadline, t.completedOn, today);
    if (s) byStanding[s] += 1;
    if (s === "overdue") {
      const days = daysBetween(t.deadline!, today);
      const band = OVERDUE_BANDS.find((b) => days >= b.from && (days <= b.to || b.label === ">120"))!;
      overdueBands[band.label] += 1;
    }
    for (const x of t.extensions) extensions[x.status] += 1;
  }
  return {
    today,
    tasks: planner.tasks.length,
    byStatus,
    byStanding,
    overdueBands,
    extensions,
    cascades: planner.tasks.filter((t) => t.cascadeUnits).length,
    cascadeChildren: planner.tasks.filter((t) => t.parent).length,
    ...counts,
  };
}

// ---------------------------------------------------------------------------------------------
// Entry points

export class SeedRefusedError extends Error {}

export async function isDatabaseEmpty(db: Kysely<Database>) {
  const row = await db
    .selectFrom("units")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/**
 * Deletes every row of an append-only table: its guard is set aside and put back exactly as the
 * migration made it, in the same transaction (the guards differ by dialect, see db/migration-kit.ts).
 */
async function clearAppendOnly(trx: Transaction<Database>, table: "audit_events" | "task_states") {
  if (isPostgres(trx)) {
    await sql.raw(`alter table ${table} disable trigger ${table}_append_only`).execute(trx);
    await trx.deleteFrom(table).execute();
    await sql.raw(`alter table ${table} enable trigger ${table}_append_only`).execute(trx);
    return;
  }
  await sql.raw(`drop trigger if exists ${table}_no_delete`).execute(trx);
  await trx.deleteFrom(table).execute();
  await sql
    .raw(`create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, '${table} is append-only'); end;`)
    .execute(trx);
}

async function clearData(db: Kysely<Database>) {
  // audit_events and task_states are append-only by trigger; a reset recreates the demo, so the triggers are bypassed explicitly.
  // Children before parents, so every foreign key holds at every step.
  await db.transaction().execute(async (trx) => {
    for (const t of [
      "email_outbox",
      "notifications",
      "reminder_runs",
      "import_batches",
      "sessions",
      "login_attempts",
      "api_tokens",
      "task_evidence",
      "task_updates",
      "task_extensions",
      "task_coordinating_units",
      "task_programs",
    ] as const) {
      await trx.deleteFrom(t).execute();
    }
    // Settings outlive a demo reset; only the link to the (deleted) user who last changed them goes.
    await trx.updateTable("settings").set({ updated_by: null }).execute();
    await clearAppendOnly(trx, "task_states");
    await trx.deleteFrom("rollup_snapshots").execute();
    await trx.updateTable("tasks").set({ parent_id: null }).execute();
    await trx.deleteFrom("tasks").execute();
    await trx.deleteFrom("goal_indicator_values").execute();
    await trx.deleteFrom("goals").execute();
    await clearAppendOnly(trx, "audit_events");
    await trx.deleteFrom("users").execute();
    await trx.updateTable("units").set({ parent_id: null }).execute();
    await trx.deleteFrom("units").execute();
    await trx.deleteFrom("meta").where("key", "=", "demo_seeded_at").execute();
  });
}

/**
 * Loads the demo. `now` (default: the current time) fixes "today" in Asia/Ho_Chi_Minh; every date is
 * relative to it and the rest comes from a seeded PRNG, so the same `now` gives the same data.
 */
export async function seedDemoData(db: Kysely<Database>, options: { reset?: boolean; now?: Date } = {}): Promise<SeedSummary> {
  if (!(await isDatabaseEmpty(db))) {
    if (!options.reset) throw new SeedRefusedError("The database already has data. Run with --reset to replace it with the demo data.");
    await clearData(db);
  }
  const nowDate = options.now ?? clock.now();
  const now = nowDate.toISOString();
  // Units and accounts predate the oldest demo task (about 16 months of history).
  const established = new Date(nowDate.getTime() - 2 * 365 * 86_400_000).toISOString();
  const today = demoToday(nowDate);
  const allUnits = units();
  const planner = planDemo(
    today,
    new Map(allUnits.map((u) => [u.code, u.parent])),
    new Map(allUnits.map((u) => [u.code, u.name.normalize("NFC")])),
  );
  const passwordHash = await hash(DEMO_PASSWORD, { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 });

  const summary = await db.transaction().execute(async (trx) => {
    const ids = new Map<string, number>();
    for (const u of allUnits) {
      const name = u.name.normalize("NFC");
      const row = await trx
        .insertInto("units")
        .values({
          code: u.code,
          name,
          name_folded: fold(name),
          kind: u.kind,
          parent_id: u.parent ? ids.get(u.parent)! : null,
          created_at: established,
          updated_at: established,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.set(u.code, row.id);
    }
    const userIds = new Map<string, number>();
    for (const u of DEMO_USERS) {
      const fullName = u.fullName.normalize("NFC");
      const row = await trx
        .insertInto("users")
        .values({
          email: u.email,
          email_normalized: u.email.toLowerCase(),
          full_name: fullName,
          name_folded: fold(fullName),
          role: u.role,
          unit_id: ids.get(u.unit)!,
          language: u.language ?? "vi",
          password_hash: passwordHash,
          created_at: established,
          updated_at: established,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      userIds.set(u.email, row.id);
    }
    const goals = await writeGoals(trx, today, ids, userIds);
    const written = await writeTasks(trx, planner, { units: ids, users: userIds, goals: goals.goalIds });
    const summary = summarize(planner, {
      units: ids.size,
      users: DEMO_USERS.length,
      goals: goals.goalIds.size,
      goalReadings: goals.readings,
      ...written,
    });
    await trx
      .insertInto("audit_events")
      .values({
        occurred_at: now,
        actor_user_id: null,
        action: "system.seed_demo",
        entity_type: "system",
        entity_id: null,
        data: JSON.stringify({ units: ids.size, users: DEMO_USERS.length, goals: summary.goals, tasks: summary.tasks }),
        ip: null,
      })
      .execute();
    await trx.insertInto("meta").values({ key: "demo_seeded_at", value: now }).execute();
    // Every task just changed: rollup caches (on any server) must not answer from before the seed.
    await sql`insert into meta (key, value) values ('rollup_version', '1')
      on conflict (key) do update set value = cast(cast(meta.value as integer) + 1 as text)`.execute(trx);
    return summary;
  });
  lastSummary = summary;
  return summary;
}

export async function isDemoSeeded(db: Kysely<Database>) {
  const row = await db.selectFrom("meta").select("value").where("key", "=", "demo_seeded_at").executeTakeFirst();
  return Boolean(row);
}

/** The demo sign-ins, and what was loaded when this process has just seeded (or the given summary). */
export function demoSignInTable(summary: SeedSummary | null = lastSummary): string {
  const lines = DEMO_USERS.map((u) => `  ${u.role.padEnd(10)} ${u.email.padEnd(28)} ${u.fullName}`);
  const table = [`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`, ...lines].join("\n");
  return summary ? `${formatSeedSummary(summary)}\n\n${table}` : table;
}
