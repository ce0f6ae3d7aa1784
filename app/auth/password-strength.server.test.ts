import { describe, expect, it } from "vitest";
import { APP_WORDS, passwordWeakness, personalWords } from "./password-strength.server";
import { generateOneTimePassword } from "./password.server";

const user = { email: "cv.stp@roviec.demo", fullName: "Đặng Thu Phương" };
const inputs = [...personalWords(user), ...APP_WORDS];

describe("passwordWeakness", () => {
  it.each([
    ["aaaaaaaaaaaa", "error.passwordWeak.repeat"],
    ["12345678910", "error.passwordWeak.common"],
    ["matkhau123", "error.passwordWeak.common"],
    ["matkhau123456", "error.passwordWeak.common"],
    ["cv.stp@roviec.demo", "error.passwordWeak.personal"],
    ["dangthuphuong1", "error.passwordWeak.personal"],
    ["qwertyuiopasdf", "error.passwordWeak.common"],
  ])("refuses %s and says why (%s)", async (password, key) => {
    expect(await passwordWeakness(password, inputs)).toBe(key);
  });

  it.each(["con mèo đen ngủ trên mái nhà", "correct horse battery staple", "Trà đá vỉa hè lúc 5 giờ chiều"])(
    "accepts the passphrase %s",
    async (password) => {
      expect(await passwordWeakness(password, inputs)).toBeNull();
    },
  );

  it("accepts the one-time passwords the app generates (admin, npm run user:create)", async () => {
    for (let i = 0; i < 20; i++) expect(await passwordWeakness(generateOneTimePassword(), inputs)).toBeNull();
  });

  it("stays fast on the longest, most repetitive passwords allowed (was 5 s of CPU for one)", async () => {
    await passwordWeakness("warm-up", inputs);
    const started = performance.now();
    for (const p of [
      "ab1!".repeat(64),
      "1234567890".repeat(26).slice(0, 256),
      "a1b2c3d4".repeat(32),
      "Mật khẩu rất dài của tôi — ".repeat(10).slice(0, 256),
    ]) {
      await passwordWeakness(p, inputs);
    }
    expect(performance.now() - started).toBeLessThan(4000);
  });
});

describe("the browser bundle", () => {
  it("never carries the password dictionaries", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const dir = path.resolve(import.meta.dirname, "../../public/build");
    const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && f.name.endsWith(".js"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(fs.readFileSync(path.join(f.parentPath, f.name), "utf8"), f.name).not.toMatch(/zxcvbn|similarToCommon/);
  });
});
