/** A failed first load: the cause in the buyer's words and a 重试 that runs the load again. */
import EmptyState from '../empty-state';
import { errorMessage } from '../../services/error-messages';

export interface ErrorStateProps {
  code: string;
  onRetry: () => void;
}

export default function ErrorState({ code, onRetry }: ErrorStateProps) {
  return (
    <EmptyState
      icon="network"
      title={errorMessage(code)}
      hint="请检查网络后重试"
      actionText="重试"
      onAction={onRetry}
    />
  );
}
