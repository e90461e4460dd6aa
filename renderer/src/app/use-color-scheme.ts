/** Follows the OS's light or dark preference (prefers-color-scheme), live. */
import { useEffect, useState } from 'react';

const QUERY = '(prefers-color-scheme: dark)';

/** True while the OS asks for dark. */
export function usePrefersDark(): boolean {
  const [dark, setDark] = useState(() => window.matchMedia(QUERY).matches);
  useEffect(() => {
    const mq = window.matchMedia(QUERY);
    const onChange = (): void => setDark(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  return dark;
}
