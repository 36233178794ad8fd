"""The learning loop's pure core: no Django, no apps, no database.

signals.py turns logged schedule operations into training examples;
preferences.py learns per child and subject times of day and the engine's
soft weights from them, each change explained in a sentence (explain.py);
simulation.py makes synthetic families with hidden preferences and a
simulated parent; reward.py predicts a schedule's satisfaction and completion
rate. The Django side (insights'
services and tasks) feeds them rows and stores what they return.
"""
