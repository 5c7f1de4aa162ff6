/**
 * Runs tasks one at a time, in arrival order. The worker handles each message to completion before the
 * next starts, so two commands never interleave around an `await` (an unlock and a lock, or two writes
 * built on the same manifest generation). A failing task does not stop the queue.
 */
export interface SerialQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task, task);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
