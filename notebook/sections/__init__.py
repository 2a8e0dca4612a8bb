"""What the notebook adds to the interview page, one module per part of the practice."""
