/**
 * Calls made before `ready` resolves, run in call order once it does. While some wait, a new call
 * must wait behind them (`waiting()`), or it would overtake them; what a held call does itself
 * (a cart helper's event) runs at once, in its place.
 */
export function createHold(ready: Promise<void>) {
  let held: (() => void)[] | undefined;
  return {
    waiting: () => held !== undefined,
    hold<T>(run: () => T | PromiseLike<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (!held) {
          held = [];
          void ready.then(() => {
            const runs = held ?? [];
            held = undefined;
            for (const next of runs) next();
          });
        }
        held.push(() => {
          try {
            resolve(run());
          } catch (error) {
            reject(error);
          }
        });
      });
    },
  };
}
