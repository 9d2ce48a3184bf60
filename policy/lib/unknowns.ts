/**
 * Reading props that may be unknown at preview.
 *
 * The policy server wraps props in `unknownCheckingProxy`: reading a value
 * that is not known yet throws `UnknownValueError`, and the server turns an
 * escaping `UnknownValueError` into one *advisory* diagnostic
 * "can't run policy '<name>' from policy pack '<pack>@v<ver>' during preview:
 * string value at .<path> can't be known during preview".
 *
 * Letting the first unknown escape would hide every real violation found in
 * the known parts of the same Pod, so the policies read through an
 * {@link UnknownTracker}: known parts are checked and reported, each unknown
 * read is remembered, and {@link UnknownTracker.settle} re-throws the first
 * one at the end, so the server still emits its advisory for the part it
 * could not check.
 */
import { isUnknownValueError, type UnknownValueErrorLike } from "./runtime";

/** Result of a guarded read. */
export type Read<T> = { known: true; value: T } | { known: false; error: UnknownValueErrorLike };

export class UnknownTracker {
  private readonly errors: UnknownValueErrorLike[] = [];

  /** Run `fn`; if it reads an unknown value, remember it and return `{known: false}`. */
  read<T>(fn: () => T): Read<T> {
    try {
      return { known: true, value: fn() };
    } catch (e) {
      if (isUnknownValueError(e)) {
        this.errors.push(e);
        return { known: false, error: e };
      }
      throw e;
    }
  }

  /** Like {@link read}, but an unknown value is not remembered (the caller handles it). */
  peek<T>(fn: () => T): Read<T> {
    try {
      return { known: true, value: fn() };
    } catch (e) {
      if (isUnknownValueError(e)) return { known: false, error: e };
      throw e;
    }
  }

  /** Like {@link read}, but gives `fallback` for an unknown value. */
  value<T>(fn: () => T, fallback: T): T {
    const r = this.read(fn);
    return r.known ? r.value : fallback;
  }

  /** True when some read hit an unknown value. */
  get sawUnknown(): boolean {
    return this.errors.length > 0;
  }

  /** Dotted paths of the unknown values seen, e.g. `.spec.containers.0.image`. */
  get unknownPaths(): string[] {
    return this.errors.map((e) => "." + e.props.map(String).join("."));
  }

  /** Drop the unknowns seen so far (the check reported them itself). */
  forget(): void {
    this.errors.length = 0;
  }

  /** Re-throw the first unknown seen (the server makes it an advisory); no-op when none. */
  settle(): void {
    const first = this.errors[0];
    if (first) throw first;
  }
}
