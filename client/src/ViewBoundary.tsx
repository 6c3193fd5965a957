import { Component, type ErrorInfo, type ReactNode } from "react";

/** Props of ViewBoundary. */
export interface ViewBoundaryProps {
  /** The view's name as people read it, for the message. */
  readonly name: string;
  readonly children: ReactNode;
}

interface ViewBoundaryState {
  readonly failed: boolean;
}

/** Catches a view that fails to load or render, so the rest of the board page keeps working. */
export class ViewBoundary extends Component<ViewBoundaryProps, ViewBoundaryState> {
  override state: ViewBoundaryState = { failed: false };

  static getDerivedStateFromError(): ViewBoundaryState {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`The ${this.props.name} view failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="empty-state" role="alert">
        <p>The {this.props.name} view could not be shown.</p>
        <button type="button" className="button" onClick={() => this.setState({ failed: false })}>
          Try again
        </button>
      </div>
    );
  }
}
