'use client';
// A client page: it imports clerk-membership during the server render too (the import must do no
// work there), and runs the bundlers' tiny app (main.js: top-level await init(), fromJSON, update())
// in the browser only, since it reads `location`.
import { useEffect } from 'react';
import { isClerkRuntimeError } from 'clerk-membership';

export default function Page() {
  useEffect(() => {
    import('../main.js');
  }, []);
  return <p id="ready">{typeof isClerkRuntimeError}</p>;
}
