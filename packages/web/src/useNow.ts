import { useEffect, useState } from "react";

/** The clock in Unix seconds, moving on every minute: "expires in 12 days" stays true on an open page. */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const timer = setInterval(() => setNow(Math.floor(Date.now() / 1000)), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
