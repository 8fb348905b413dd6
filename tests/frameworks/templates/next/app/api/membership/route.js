// An App Router server route in header mode, as the README's Node section writes it: `await init()`
// with no argument, then a client whose `token` is the `__client` value. ?api= is the emulator.
import init, { FrontendApi, OrganizationMembership } from 'clerk-membership';

export const dynamic = 'force-dynamic';

const DEV_KEY = 'pk_test_Zm9vLWJhci0xMy5jbGVyay5hY2NvdW50cy5kZXYk';

export async function GET(request) {
  const emulator = new URL(request.url).searchParams.get('api');
  try {
    await init();
    const res = await fetch(`${emulator}/__emulator/sign_in`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user_id: 'user_2aAdaLovelace9fKq1Zr' }),
    });
    const { client_cookie: token, session_id: sessionId } = await res.json();
    const api = new FrontendApi({ publishableKey: DEV_KEY, proxyUrl: emulator, authMode: 'header', token, sessionId });
    const { data } = await OrganizationMembership.retrieve(api);
    return Response.json({ organizations: data.map((m) => m.organization.name).sort() });
  } catch (error) {
    return Response.json({ name: error?.name, code: error?.code, message: String(error?.message ?? error) }, { status: 500 });
  }
}
