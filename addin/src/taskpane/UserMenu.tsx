/** The signed-in user in the header, with 退出 for the service's own accounts (Entra ID signs in as the Office user). */
import { Button, Caption1, makeStyles, mergeClasses } from '@fluentui/react-components';
import type { Auth, SignedInUser } from '../auth/auth.js';
import { useStyles } from './styles.js';

// Name above 退出, so that the narrow task pane keeps its title on one line.
const useLocalStyles = makeStyles({
  menu: { display: 'flex', flexDirection: 'column', alignItems: 'flex-end' },
  signOut: { minWidth: 'auto', minHeight: '20px', padding: '0 8px', marginTop: '2px' },
});

export function UserMenu({ auth, user }: { auth: Auth; user: SignedInUser }) {
  const styles = useStyles();
  const local = useLocalStyles();
  return (
    <div className={local.menu}>
      <Caption1 className={styles.headerText}>
        {user.name}
        {user.role ? `（${user.role}）` : ''}
      </Caption1>
      {auth.kind === 'local' ? (
        <Button size="small" appearance="outline" className={mergeClasses(styles.headerText, local.signOut)} onClick={() => void auth.signOut()}>
          退出
        </Button>
      ) : null}
    </div>
  );
}
