/** Readiness as the load balancer sees it: not ready while starting or draining. */
export class Lifecycle {
  private started = false;
  private draining = false;
  readonly startedAt = Date.now();

  markStarted(): void {
    this.started = true;
  }

  markDraining(): void {
    this.draining = true;
  }

  get ready(): boolean {
    return this.started && !this.draining;
  }

  get state(): 'starting' | 'ready' | 'draining' {
    return this.draining ? 'draining' : this.started ? 'ready' : 'starting';
  }
}
