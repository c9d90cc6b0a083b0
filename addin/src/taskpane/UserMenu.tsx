/** The signed-in user in the header, with 退出 for the service's own accounts (Entra ID signs in as the Office user). */
import { Button, Caption1 } from '@fluentui/react-components';
import type { Auth, SignedInUser } from '../auth/auth.js';
import { useStyles } from './styles.js';

export function UserMenu({ auth, user }: { auth: Auth; user: SignedInUser }) {
  const styles = useStyles();
  return (
    <>
      <Caption1 className={styles.headerText}>
        {user.name}
        {user.role ? `（${user.role}）` : ''}
      </Caption1>
      {auth.kind === 'local' ? (
        <Button size="small" appearance="outline" className={styles.headerText} onClick={() => void auth.signOut()}>
          退出
        </Button>
      ) : null}
    </>
  );
}
