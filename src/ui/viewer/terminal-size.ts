/** The terminal's size, followed on resize; 80×24 when the stream does not say (a pipe, a test). */
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface Size {
  readonly columns: number;
  readonly rows: number;
}

export const MIN_SIZE: Size = { columns: 80, rows: 24 };

export function useTerminalSize(): Size {
  const { stdout } = useStdout();
  const read = (): Size => ({ columns: stdout.columns || MIN_SIZE.columns, rows: stdout.rows || MIN_SIZE.rows });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
