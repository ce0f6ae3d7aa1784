import { describe, expect, it } from "vitest";
import { NOTIFICATION_KINDS } from "~/domain/reminders";
import { DIGEST_SECTION_LIMIT, escapeHtml, renderDailyDigest, renderReminderMail, renderSignInAlertMail } from "./templates";

const task = {
  taskId: 7,
  title: 'Kết nối "VNeID" <script>alert(1)</script> & iHanoi',
  ownerName: "Trần Văn B",
  deadline: "2026-12-04",
  leadUnitName: "Sở Tư pháp",
  deliverable: "Phiếu lý lịch tư pháp điện tử",
};

describe("reminder e-mails", () => {
  it("exist for every kind in both languages, with no placeholder left", () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const lang of ["vi", "en"] as const) {
        const mail = renderReminderMail({
          lang,
          kind,
          recipientName: "A",
          task,
          data: { days: 3, requestedDeadline: "2026-12-20" },
          origin: "https://roviec.test/",
        });
        for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toMatch(/\{\w+\}/);
        expect(mail.text).toContain("https://roviec.test/tasks/7");
        expect(mail.text).toContain("04/12/2026");
      }
    }
  });
  it("escape every value in the HTML, keep the text as written, and keep the subject on one line", () => {
    const mail = renderReminderMail({
      lang: "vi",
      kind: "overdue",
      recipientName: "<b>Bình</b>",
      task: { ...task, title: `${task.title}\r\nBcc: x@y` },
      data: { days: 8 },
      origin: "https://roviec.test",
    });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; iHanoi");
    expect(mail.html).toContain("&lt;b&gt;Bình&lt;/b&gt;");
    expect(mail.text).toContain("<script>alert(1)</script>");
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(escapeHtml(`'"&<>`)).toBe("&#39;&quot;&amp;&lt;&gt;");
  });
});

describe("the daily digest", () => {
  it("lists at most DIGEST_SECTION_LIMIT tasks per section and counts the rest", () => {
    const lines = Array.from({ length: DIGEST_SECTION_LIMIT + 7 }, (_, i) => ({
      taskId: i + 1,
      title: `Việc ${i + 1}`,
      deadline: "2026-11-20",
      days: 5,
    }));
    const mail = renderDailyDigest({
      lang: "en",
      recipientName: "Sơn",
      date: "2026-11-25",
      overdue: lines,
      today: [],
      week: [],
      origin: "https://roviec.test",
    });
    expect(mail.subject).toBe(`Your tasks on 25/11/2026: ${DIGEST_SECTION_LIMIT + 7} overdue, 0 due today, 0 due this week`);
    expect(mail.text).toContain("Việc 1 — due 20/11/2026, 5 days overdue");
    expect(mail.text).not.toContain(`Việc ${DIGEST_SECTION_LIMIT + 1} —`);
    expect(mail.text).toContain("… and 7 more");
    expect(mail.text).not.toContain("Due today");
  });
});

describe("renderSignInAlertMail", () => {
  it("says what happened in the owner's language, escapes the name, and links only to the account page", () => {
    const vi = renderSignInAlertMail({
      lang: "vi",
      recipientName: "Lê <b>Hoa</b>",
      failures: 12,
      since: "07/12/2026 22:40",
      origin: "https://roviec.example.vn/",
    });
    expect(vi.subject).toContain("Cảnh báo bảo mật");
    expect(vi.text).toContain("Từ 07/12/2026 22:40 đã có 12 lần đăng nhập sai");
    expect(vi.text).toContain("https://roviec.example.vn/account");
    expect(vi.html).toContain("Lê &lt;b&gt;Hoa&lt;/b&gt;");
    expect(vi.html.match(/href="([^"]+)"/g)).toEqual(['href="https://roviec.example.vn/account"']);
    const en = renderSignInAlertMail({
      lang: "en",
      recipientName: "Hoa",
      failures: 10,
      since: "07/12/2026 22:40",
      origin: "https://roviec.example.vn",
    });
    expect(en.subject).toBe("Security alert: many failed sign-ins to your Rõ Việc account");
  });
});
