import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';

/** Asks before Start over clears every answer. */
export function StartOverDialog({
  open,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  // Escape and a click beside the dialog cancel; Cancel has the focus.
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      aria-labelledby="start-over-title"
      aria-describedby="start-over-text"
    >
      <DialogTitle id="start-over-title">Start over?</DialogTitle>
      <DialogContent>
        <DialogContentText id="start-over-text">
          Every answer is cleared: the operations, the encryption choices and key ARNs, the account
          ID and role, and any key policy you pasted. It cannot be undone. A share link you copied
          before still opens the answers it holds.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button autoFocus onClick={onCancel}>
          Cancel
        </Button>
        <Button color="error" onClick={onConfirm}>
          Clear all answers
        </Button>
      </DialogActions>
    </Dialog>
  );
}
