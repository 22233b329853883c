#!/bin/sh
set -e
echo "slow install of $NAME: started"
sleep 5
echo "slow install of $NAME: halfway"
sleep 3
echo "installed $NAME" > "/host/etc/$NAME.installed"
echo "slow install of $NAME: finished"
