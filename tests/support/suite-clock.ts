// Every test process starts with the app's clock fixed at the run's instant (see tests/support/clock.ts).
import { setClock } from "~/clock.server";

const at = process.env.ROVIEC_TEST_NOW;
if (at) setClock(at);
