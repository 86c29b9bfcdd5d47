"use client";

import { useEffect, useState } from "react";

/** The content size of an element, kept current with a ResizeObserver (the grid's layout math needs pixels). */
export function useElementSize(element: HTMLElement | null): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    if (!element) return;
    const measure = () => {
      const { width, height } = element.getBoundingClientRect();
      setSize((previous) =>
        Math.round(previous.width) === Math.round(width) && Math.round(previous.height) === Math.round(height)
          ? previous
          : { width, height },
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return size;
}
