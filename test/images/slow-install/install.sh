#!/bin/sh
set -e
echo "slow install of $NAME: started"
sleep 15
echo "slow install of $NAME: halfway"
sleep 10
echo "installed $NAME" > "/host/etc/$NAME.installed"
echo "slow install of $NAME: finished"
