import type { ErrorInfo, ReactNode } from 'react';
import { Component } from 'react';
import { describeError } from './notifications';

interface Props {
  /** Where the boundary sits, for the message ("this view", "the app"). */
  scope: string;
  children: ReactNode;
  /** Changing this (e.g. the route) clears the error. */
  resetKey?: unknown;
}

interface State {
  error: unknown;
  resetKey: unknown;
}

/** Catches a render failure so the rest of the app, and everything stored, stays usable. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: undefined };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.resetKey) return { resetKey: props.resetKey, error: null };
    return null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`Render failure in ${this.props.scope}`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <section className="error-panel" role="alert" aria-labelledby="error-title">
        <h2 id="error-title">Something went wrong in {this.props.scope}</h2>
        <p>{describeError(this.state.error)}</p>
        <p className="muted">Your stored data is not affected. Try again, or reload the window.</p>
        <button type="button" className="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </section>
    );
  }
}
