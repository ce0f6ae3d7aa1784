import type { LoaderFunctionArgs } from "@remix-run/node";

// Unknown paths render the root error boundary's 404 page, in the visitor's language.
export async function loader(_: LoaderFunctionArgs) {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}
