// Runs async jobs with at most `limit` in flight. Renders are child processes of ~0.7 s CPU each;
// on a two-core machine more than two at once only adds contention.
export function concurrencyLimit(limit: number): <T>(job: () => Promise<T>) => Promise<T> {
    let running = 0;
    const waiting: Array<() => void> = [];
    const release = () => {
        running--;
        waiting.shift()?.();
    };
    return <T>(job: () => Promise<T>) =>
        new Promise<T>((resolve, reject) => {
            const start = () => {
                running++;
                job().then(resolve, reject).finally(release);
            };
            if (running < limit) start();
            else waiting.push(start);
        });
}
