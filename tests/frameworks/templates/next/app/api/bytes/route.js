// The README's "pass the bytes yourself" recipe, in a server route: it must work under both bundlers.
// (The app's other route may have loaded the package already, so the bytes are checked themselves too.)
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import init from 'clerk-membership';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const bytes = await readFile(join(process.cwd(), 'node_modules/clerk-membership/clerk_membership_bg.wasm'));
    await init({ module_or_path: bytes });
    return Response.json({ wasm: WebAssembly.validate(bytes) });
  } catch (error) {
    return Response.json({ name: error?.name, code: error?.code, message: String(error?.message ?? error) }, { status: 500 });
  }
}
