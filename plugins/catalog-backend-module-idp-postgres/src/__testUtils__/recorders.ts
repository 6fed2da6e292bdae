import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';

/** Records what a provider hands to the catalog. */
export class RecordingConnection implements EntityProviderConnection {
  readonly mutations: EntityProviderMutation[] = [];

  async applyMutation(mutation: EntityProviderMutation): Promise<void> {
    this.mutations.push(mutation);
  }

  async refresh(): Promise<void> {}
}

type Meta = Parameters<LoggerService['info']>[1];

/** One line of a {@link RecordingLogger}. */
export interface LogLine {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  meta?: Record<string, unknown>;
}

/** Records log lines, children included, so tests can read what operators would. */
export class RecordingLogger implements LoggerService {
  readonly lines: LogLine[];

  constructor(lines: LogLine[] = []) {
    this.lines = lines;
  }

  messages(level: LogLine['level']): string[] {
    return this.lines.filter(l => l.level === level).map(l => l.message);
  }

  error(message: string, meta?: Meta) {
    this.#record('error', message, meta);
  }
  warn(message: string, meta?: Meta) {
    this.#record('warn', message, meta);
  }
  info(message: string, meta?: Meta) {
    this.#record('info', message, meta);
  }
  debug(message: string, meta?: Meta) {
    this.#record('debug', message, meta);
  }
  child(): LoggerService {
    return new RecordingLogger(this.lines);
  }

  #record(level: LogLine['level'], message: string, meta?: Meta) {
    this.lines.push({
      level,
      message,
      meta: meta instanceof Error ? { error: meta.message } : meta,
    });
  }
}
