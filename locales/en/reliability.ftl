## Issue 17: reliability — two builds at once, runaway templates, characters XML forbids, Unicode forms.

E600 = another build is writing to this folder (lock { $lock }); waited { $seconds } s and it has not finished. Wait for it to end (or close the window running blocpress build), then run again
