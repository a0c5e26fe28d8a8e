import { Injectable } from '@nestjs/common';

/**
 * Lines a person needs once the process is up (the first administrator's password, say), collected while
 * modules boot and printed by the bootstrap after the URL, so they end the start-up output instead of hiding in it.
 */
@Injectable()
export class StartupReport {
  private readonly lines: string[] = [];

  add(line: string): void {
    this.lines.push(line);
  }

  take(): string[] {
    return this.lines.splice(0);
  }
}
